"""From a care journey to the organisations that likely hold the person's data, each with its reasons.

The rules are a table (`RULES`) a lawyer can review line by line: when the journey shows X, actor Y holds data, this
likely, for this reason, under these laws. Facts come from docs/actors.md and docs/legal.md (the seed investigation
"What happens to your data after your appointment?", CSP L.1111-7 and R.1112-7, GDPR art. 15). Every text a finding
holds is the person's to read, in their language: no id, no word of sar's making (tests/test_person_words.py).

Law ids: "gdpr-art15" (GDPR art. 15, every controller); "csp-l1111-7" (Code de la santé publique L.1111-7: health
information held by a health professional or establishment); "cada" (Code des relations entre le public et
l'administration, L.311-1 and following: a public hospital's administrative documents, as the CADA reads them).

- `sar.inference.rules`: how a rule is written (`Rule`, `PlaceRule`, the predicates, the likelihoods and law ids);
- `sar.inference.table`: the rules themselves, in the order of the journey, and the notes;
- `sar.inference.insurance`: the health insurance's part of the table (the fund, its medical service, the mutuelle,
  the tiers-payant operator);
- `sar.inference.findings`: `infer`, the findings and the words of their reasons.
"""

from sar.inference.findings import DISPLAY_NAMES, Finding, finding_as_json, infer, notes, place_words
from sar.inference.insurance import MUTUELLE_IDS, TIERS_PAYANT_OPERATORS
from sar.inference.rules import LAWS, LIKELIHOODS, Likelihood, PlaceRule, Rule
from sar.inference.table import NOTE_RULES, RULES

__all__ = ["DISPLAY_NAMES", "LAWS", "LIKELIHOODS", "MUTUELLE_IDS", "NOTE_RULES", "RULES", "TIERS_PAYANT_OPERATORS",
           "Finding", "Likelihood", "PlaceRule", "Rule", "finding_as_json", "infer", "notes", "place_words"]
