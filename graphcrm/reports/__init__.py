"""What a person reads of each answer: one module per question of :mod:`graphcrm.analysis`,
holding its result (the parts, the records, and the wording in English or Chinese, from the
one catalogue :mod:`graphcrm.words`).

The analyses compute and return data with reason codes; they build these results and never
word anything themselves. A result is turned into a table, JSON or CSV by
:mod:`graphcrm.output`, and shows itself in a notebook (:mod:`graphcrm.results`).
"""
