"""How many answers the two people of issue 24 give the chat, walking the interview as the chat does.

    python benchmarks/questions.py

James Whitfield, a British man in Paris who reads sar in English (examples/james-whitfield.toml), and Marcel Delpech, a
retired farmer in Périgueux under the MSA who reads it in French (examples/marcel-delpech.toml). `sar.interview.walk`
puts each question as the chat does (`sar.interview.offer`): asked, stated (no key: the letters' language from the
chat's, the only town of a postcode, the holidays the postcode decides) or confirmed with one key (the caisse of the
postcode). Before issue 24.3 the chat asked every question that applies, the holidays excepted (one key), so the
"before" column is the number of questions that apply; both columns leave out the chat's own language, asked first.
tests/test_questions_asked.py pins the same counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sar import i18n, interview, journey  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PEOPLE = (("James Whitfield (Paris, English)", EXAMPLES / "james-whitfield.toml", "en"),
          ("Marcel Delpech (Périgueux, MSA, French)", EXAMPLES / "marcel-delpech.toml", "fr"))


def main() -> None:
    print(f"{'person':42} {'before':>6} {'after':>6}  asked  confirmed  stated")
    for name, path, lang in PEOPLE:
        i18n.set_language(lang)
        steps = interview.walk(journey.load_partial_answers(path))
        count = {how: sum(step.how == how for step in steps) for how in ("ask", "confirm", "state")}
        print(f"{name:42} {len(steps):>6} {sum(step.answers for step in steps):>6}  {count['ask']:>5}  "
              f"{count['confirm']:>9}  {count['state']:>6}")
        print("    stated: " + ", ".join(step.offer.question.id for step in steps if step.how == "state")
              + "; confirmed: " + ", ".join(step.offer.question.id for step in steps if step.how == "confirm"))


if __name__ == "__main__":
    main()
