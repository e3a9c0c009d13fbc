"""Controlled vocabularies of the data contract (docs/ARCHITECTURE.md), in one place.

Every table column with a closed set of values takes its set from here, so the parser, the schemas and the
analyses cannot drift apart.
"""

ZONES = ("sdf_areas", "badia", "government_areas", "other", "all")
LEVELS = ("total", "breakdown", "headline")
MEASURES = ("operations", "killed", "injured", "casualties", "arrested", "executed")
GROUPS = ("all", "civilians", "government_forces", "sdf", "isis", "other_forces")
SUBGROUPS = ("women", "children", "leaders", "other")
PERPETRATORS = ("isis", "russia", "coalition", "government_forces", "sdf", "unknown")
QUALIFIERS = ("exact", "at_least", "approximately")
SCOPES = ("report", "cumulative")
STATUSES = ("ok", "warnings", "error")
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}  # a clean report before a warned one
DEATH_MEASURES = ("killed", "injured", "casualties")  # the measures of a toll of persons
LANGUAGES = ("ar", "en")
CHECK_KINDS = (
    "total_vs_breakdown", "total_vs_parts", "headline_vs_body", "translation_agrees", "event_in_period",
)
PERIOD_KINDS = ("caliphate_month", "calendar_month", "year", "year_to_date")
# How a report numbers its caliphate month: "series" (the 2019- operations reports: month 1 = 29 Jul - 28 Aug
# 2014) or "executions" (the 2014-2019 execution reports, one higher: month 1 = 29 Jun - 28 Jul 2014).
MONTH_NUMBERINGS = ("series", "executions")

ADMIN1_PCODES = {
    "Damascus": "SY01",
    "Aleppo": "SY02",
    "Rif Dimashq": "SY03",
    "Homs": "SY04",
    "Hama": "SY05",
    "Latakia": "SY06",
    "Idlib": "SY07",
    "Hasakah": "SY08",
    "Deir ez-Zor": "SY09",
    "Tartus": "SY10",
    "Raqqa": "SY11",
    "Daraa": "SY12",
    "Suwayda": "SY13",
    "Quneitra": "SY14",
}
ADMIN1 = tuple(ADMIN1_PCODES)
