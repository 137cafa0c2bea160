"""Everything fgc draws or prints, from plain data: no SQL, no forms.

``pdf`` is the safe, time-bounded WeasyPrint pipeline. On it: ``case_file`` (the plan PDF for
the council's case file), ``family_pdf`` (the family's own copy, Welsh or English) and
``letter`` (the printed letter with a family link). ``network_picture`` and ``scale_chart``
draw standalone SVG, sharing ``svg`` (escaping, text measuring, elements).
"""
