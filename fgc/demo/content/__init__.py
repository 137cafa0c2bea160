"""The demo's fictional content, as data: every name, place, date and word is invented.

Nothing here runs; :mod:`fgc.demo.builder` turns it into cases through the app's own actions.
"""
