"""The analyses: pure functions of the valued people graph that return result objects.

One module per question; none opens a store or prints.

- :mod:`~graphcrm.analysis.model`: strength → probability, decay (one configuration)
- :mod:`~graphcrm.analysis.network`: the project context and the weighted reach graph
- :mod:`~graphcrm.analysis.valued`: one valued graph per question, handed to every analysis
- :mod:`~graphcrm.analysis.compact`: its reach graph as arrays, for whole-graph searches
- :mod:`~graphcrm.analysis.paths`: influence paths (the k best chains under a hop limit)
- :mod:`~graphcrm.analysis.gaps`: coverage gaps, introduction plan, coverage score
- :mod:`~graphcrm.analysis.informants`: key informants (brokerage, structural holes)
- :mod:`~graphcrm.analysis.health`: cooling ties and overdue contacts, as a call plan
- :mod:`~graphcrm.analysis.matrix`: the stakeholder matrix
"""

from graphcrm.analysis.gaps import GapsResult, coverage_gaps
from graphcrm.analysis.health import ContactPlan, contact_plan
from graphcrm.analysis.informants import InformantsResult, brokerage_roles, key_informants
from graphcrm.analysis.matrix import MatrixResult, stakeholder_matrix
from graphcrm.analysis.model import DEFAULT_MODEL, TieModel
from graphcrm.analysis.paths import PathResult, influence_paths
from graphcrm.analysis.valued import ValuedGraph, value
from graphcrm.results import Result

__all__ = [
    "TieModel", "DEFAULT_MODEL", "influence_paths", "PathResult", "coverage_gaps",
    "GapsResult", "key_informants", "brokerage_roles", "contact_plan", "stakeholder_matrix",
    "ValuedGraph", "value", "ContactPlan", "InformantsResult", "MatrixResult", "Result",
]
