"""The pages: one blueprint per area, each with its forms in ``fgc.forms`` and its templates in a
folder of ``templates/`` of the same name.

Views are thin: they check who may do what (``fgc.access``), read through ``fgc.data``, call the
domain's actions for every change, and turn the outcome into a page or a redirect.
"""
