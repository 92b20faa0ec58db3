"""Health markup passed through: schema.org MedicalWebPage, MedicalProcedure,
MedicalTherapy and Drug nodes (and their subtypes), with the properties a reader of
clinic content uses, each flattened to text (a nested node gives its name).
"""

from __future__ import annotations

import re
from typing import Any

from .model import HealthMarkup
from .structured import Node, Structured, plain_text, types_of

# schema.org type (lowercase) → the name written in the output.
HEALTH_TYPES = {
    "medicalwebpage": "MedicalWebPage",
    "medicalprocedure": "MedicalProcedure",
    "therapeuticprocedure": "TherapeuticProcedure",
    "surgicalprocedure": "SurgicalProcedure",
    "diagnosticprocedure": "DiagnosticProcedure",
    "medicaltherapy": "MedicalTherapy",
    "physicaltherapy": "PhysicalTherapy",
    "psychologicaltreatment": "PsychologicalTreatment",
    "radiationtherapy": "RadiationTherapy",
    "occupationaltherapy": "OccupationalTherapy",
    "drug": "Drug",
}
# The properties kept, in output order: what was reviewed and when, for whom, and what
# a procedure, therapy or drug involves. Others (ids, images, breadcrumbs) are noise here.
HEALTH_PROPERTIES = (
    "name",
    "alternateName",
    "description",
    "lastReviewed",
    "reviewedBy",
    "medicalAudience",
    "audience",
    "specialty",
    "about",
    "procedureType",
    "bodyLocation",
    "howPerformed",
    "preparation",
    "followup",
    "status",
    "indication",
    "adverseOutcome",
    "seriousAdverseOutcome",
    "contraindication",
    "duplicateTherapy",
    "doseSchedule",
    "drug",
    "drugClass",
    "activeIngredient",
    "nonProprietaryName",
    "administrationRoute",
    "prescriptionStatus",
    "legalStatus",
    "pregnancyCategory",
    "warning",
)

# Enumeration values are written as schema.org URLs ("https://schema.org/Patient").
_SCHEMA_ORG = re.compile(r"^https?://(?:www\.)?schema\.org/")


def health_markup(structured: Structured) -> tuple[HealthMarkup, ...]:
    """Every health node of the page, JSON-LD first, each with its useful properties."""
    found = []
    for node in structured.json_ld + structured.microdata:
        kinds = [HEALTH_TYPES[t] for t in sorted(types_of(node)) if t in HEALTH_TYPES]
        if kinds:
            properties = _properties(node)
            if properties:
                found.append(HealthMarkup(type=kinds[0], properties=properties))
    unique = {(m.type, repr(sorted(m.properties.items()))): m for m in found}
    return tuple(unique.values())


def _properties(node: Node) -> dict[str, str | tuple[str, ...]]:
    out: dict[str, str | tuple[str, ...]] = {}
    for key in HEALTH_PROPERTIES:
        values = [t for v in _values(node.get(key)) if (t := _flat(v))]
        if values:
            out[key] = values[0] if len(values) == 1 else tuple(dict.fromkeys(values))
    return out


def _values(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _flat(value: Any) -> str | None:
    """A property value as text; a nested node is named by its name, text or audience type."""
    if isinstance(value, dict):
        for key in ("name", "text", "audienceType", "description", "value", "url"):
            if value.get(key):
                return plain_text(value[key])
        kinds = sorted(types_of(value))
        return kinds[0] if kinds else None
    text = plain_text(value)
    if text and _SCHEMA_ORG.match(text):
        return _SCHEMA_ORG.sub("", text)
    return text
