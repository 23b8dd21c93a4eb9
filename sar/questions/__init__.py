"""The questions of the interview, as data: what a question is, and the table of every question of the answers schema.

One place to add or change a question: its id (the answers file's key and the CSV column), its prompt and help (English
gettext msgids, `N_`, translated where shown), its kind and choices, when it is asked (`ask_if`), what the earlier
answers suggest and whether they settle it (issue 24.3: only the questions that need asking), and the part of the
interview it belongs to (`PARTS`, the chat's progress line). Walking the table and checking answers is
`sar.interview`'s job; the schema is the one in docs/design.md ("Answers file").

- `sar.questions.model`: what a question is (`Question`, `Choice`, the kinds) and the pieces the table is written with;
- `sar.questions.care_places`: the questions about the places of care, several of each;
- `sar.questions.table`: the table itself, in interview order, and its parts.
"""

from sar.questions.care_places import LAB_CHOICES, SPECIALTIES
from sar.questions.model import KINDS, SECTIONS, UNKNOWN, Choice, Question
from sar.questions.table import LETTERS_LANGUAGE_STATED, PARTS, QUESTIONS, SECTION_KEYS, part_of, question

__all__ = ["KINDS", "LAB_CHOICES", "LETTERS_LANGUAGE_STATED", "PARTS", "QUESTIONS", "SECTIONS", "SECTION_KEYS",
           "SPECIALTIES", "UNKNOWN", "Choice", "Question", "part_of", "question"]
