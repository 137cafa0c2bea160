"""A bare Flask app that answers "hello": the floor the load benchmark measures fgc's pages against.

Served by benchmarks/load.py with exactly the same gunicorn settings as fgc, so the difference is the app's own work.
"""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "hello\n"
