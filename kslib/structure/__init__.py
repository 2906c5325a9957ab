"""Document structure: headings and the sections they open (with a review/plan scope and its year or
period), paragraphs, sentences and clauses of a normalised text, shared by every stage that attributes.

    kslib.structure.structure(text, date=...)  -> Structure (all units, O(log n) unit_at / scope_at)
    kslib.structure.sections(text, date=...)   -> the sections table (structure.sections)
    kslib.structure.resolve_time("今后五年", "2020-05-22") -> (None, "2020-2024", "今后五年")

Rules and cue words live in kslib/data/structure.yaml (structure.rules); every function is linear in
the text length. Modules: rules, time (dates, years, periods), units (paragraphs, sentences, clauses),
sections (headings and scope), document (the Structure object).
"""
from .document import Scope, Structure, Units, paragraphs, structure
from .sections import SECTION_COLUMNS, sections
from .time import parse_date, resolve_time
from .units import CLAUSE_COLUMNS, PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, clauses, sentences

__all__ = [
    "paragraphs", "sentences", "clauses", "sections", "structure", "resolve_time", "parse_date",
    "Structure", "Units", "Scope", "PARAGRAPH_COLUMNS", "SENTENCE_COLUMNS", "CLAUSE_COLUMNS",
    "SECTION_COLUMNS",
]
