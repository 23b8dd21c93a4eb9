"""Words of the person's world, in their language (issue 24.5): what the person reads (every question and its help, every
finding of a set of journeys, every entry of the directory, the notes, the CLI's lists) holds no word of sar's making
(the seed investigation, ids such as "(alan)", the package's file paths) and no sentence of the other language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sar import directory, i18n, inference, interview, journey
from sar.bilingual import LANGUAGES
from sar.cli import main
from sar.directory import actor_name

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PEOPLE = [EXAMPLES / name for name in ("james-whitfield.toml", "marcel-delpech.toml", "answers.toml",
                                       "answers-several.toml")]

# A journey that meets every rule of sar.inference at least once (with the people above).
EVERYTHING = {
    "lang": "en", "first_name": "Zoé", "last_name": "Œuvray", "birth_date": "1990-01-01", "address": "1 rue Haute",
    "postcode": "57000", "city": "Metz",
    "doctor": True, "doctor_software": "other", "doctor_2": True, "doctor_2_name": "Dr Paul Weber",
    "doctor_2_specialty": "dentist", "doctor_2_software": "doctolib",
    "booking": ["doctolib", "maiia", "keldoc", "other"], "teleconsultation": ["qare", "livi", "doctolib", "other"],
    "lab": "eurofins", "lab_results_online": True, "lab_2": "synlab", "lab_3": "inovie", "lab_4": "biogroup",
    "pharmacy": True, "dossier_pharmaceutique": "unknown", "hospital": "private", "hospital_name": "Clinique du Parc",
    "imaging": True, "ald": True, "insurance_fund": "other", "insurance_fund_name": "CNMSS",
    "mutuelle": "harmonie-mutuelle", "tiers_payant": True, "tiers_payant_operator": "almerys",
    "special_guarantees": ["dental", "optical", "hospital"], "mon_espace_sante": "closed",
    "devices": ["apple-health", "google-fit", "fitbit", "withings", "garmin", "samsung-health", "freestyle-libre",
                "dexcom", "other"],
}
MORE = [
    {**EVERYTHING, "insurance_fund": "cpam", "insurance_fund_name": "", "mutuelle": "mgen",
     "tiers_payant_operator": "Mutuelle Card Services", "mon_espace_sante": "active", "hospital": "none",
     "postcode": "75011", "city": "Paris"},
    {**EVERYTHING, "insurance_fund": "msa", "insurance_fund_name": "", "mutuelle": "axa", "tiers_payant": False,
     "postcode": "24000", "city": "Périgueux", "mon_espace_sante": "unknown"},
    {**EVERYTHING, "mutuelle": "malakoff-humanis", "tiers_payant_operator": "viamedis", "lang": "fr"},
    {**EVERYTHING, "mutuelle": "alan", "tiers_payant_operator": "sp-sante"},
]

# -- what counts as a word of sar's making, or of the other language ---------------------------------------------------

IDS = ({actor.id for actor in directory.load_directory().values()}
       | {str(choice.value) for q in interview.QUESTIONS for choice in q.choices})
INTERNAL = [
    (re.compile(r"\bseed\b", re.I), "the seed investigation"),
    (re.compile(r"enquête de référence|reference investigation", re.I), "the reference investigation"),
    (re.compile(r"table des caisses|table of caisses", re.I), "sar's own table"),
    (re.compile(r"\bsar/[\w/.-]+"), "a file of sar's package"),
    (re.compile(r"\b[\w-]+\.(toml|py|tsv|gz)\b"), "a file of sar's package"),
]
# Words a sentence of the other language cannot do without, and that no proper name of the directory holds.
FRENCH_WORDS = {"votre", "vos", "vous", "est", "sont", "pour", "avec", "dans", "selon", "aucun", "aucune", "sauf",
                "cette", "leur", "leurs", "pas", "et", "dont", "opérateur", "laboratoires", "responsables"}
ENGLISH_WORDS = {"your", "the", "and", "with", "for", "of", "is", "are", "not", "which", "when", "from", "this"}
# Names that are the same in both languages because they are an organisation's own (a French body's official name is
# not translated): an entry whose name is the same in both languages must be one of them.
PROPER_NAMES = {
    "Caisse nationale de l'Assurance Maladie (CNAM)", "Mutualité sociale agricole (MSA)",
    "Conseil national de l'Ordre des pharmaciens (Dossier Pharmaceutique)", "Doctolib SAS", "Cegedim Santé (Maiia)",
    "Keldoc", "Qare", "Digital Medical Supply France (Livi)", "WEDA", "Axisanté", "HelloDoc", "Cerballiance",
    "Biogroup", "Inovie", "Dedalus (mesanalyses.fr)", "Harmonie Mutuelle",
    "MGEN (Mutuelle générale de l'Éducation nationale)", "Malakoff Humanis", "AXA France", "Alan", "Almerys",
    "Viamedis", "SP Santé", "Apple Distribution International Ltd", "Google Ireland Limited", "Withings SAS",
    "Garmin Würzburg GmbH", "Samsung Electronics (UK) Limited", "Abbott (FreeStyle Libre, LibreView)", "Dexcom",
    "Commission nationale de l'informatique et des libertés (CNIL)",
    "Commission d'accès aux documents administratifs (CADA)",
    # French codes are cited by their French names in both languages.
    "Code des relations entre le public et l'administration",
}
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|‘[^’]*’")
# Web and e-mail addresses, and the person's own files (`james-whitfield/doctolib.en.pdf`), are not words.
ADDRESSES = re.compile(r"https?://\S+|\b[\w.+-]+@[\w.-]+|\b[\w-]+(\.[\w-]+)*\.(fr|com|org|net|eu)\b"
                       r"|\S+/[\w.-]+\.(pdf|txt|eml|csv|json)\b")


def problems(text: str, lang: str) -> list[str]:
    found = [f"{what}: {m.group(0)!r}" for pattern, what in INTERNAL for m in pattern.finditer(text)]
    plain = ADDRESSES.sub(" ", text)
    found += [f"an id: {m.group(0)!r}" for m in re.finditer(r"\(([a-z0-9][a-z0-9-]*)\)", plain) if m.group(1) in IDS]
    found += [f"an id: {word!r}" for word in re.findall(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", plain) if word in IDS]
    for name in PROPER_NAMES:
        plain = plain.replace(name, " ")
    words = set(re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", QUOTED.sub(" ", plain).lower()))
    other = (FRENCH_WORDS if lang == "en" else ENGLISH_WORDS) & words
    if other:
        found.append(f"words of the other language: {sorted(other)}")
    return found


def assert_reads_well(texts: list[tuple[str, str, str]]) -> None:
    """`texts` are (where, lang, text): every problem of every text is reported at once."""
    report = [f"{where} [{lang}]: {problem}\n    {text[:300]}" for where, lang, text in texts
              for problem in problems(text, lang)]
    assert not report, "\n".join(report)


def actor_texts(actor, where: str) -> list[tuple[str, str, str]]:
    texts = []
    for lang in LANGUAGES:
        texts.append((f"{where} name", lang, actor_name(actor, lang)))
        for field in ("role", "retention", "notes"):
            if getattr(actor, field):
                texts.append((f"{where} {field}", lang, getattr(actor, field).get(lang)))
        for field in ("data", "data_requested"):
            texts += [(f"{where} {field}", lang, item) for item in getattr(actor, field).get(lang)]
    return texts


def journeys() -> list:
    return ([journey.load_answers(path) for path in PEOPLE]
            + [journey.journey_from_document(journey.answers_document(answers)) for answers in [EVERYTHING, *MORE]])


# -- the tests ------------------------------------------------------------------------------------------------------------

def test_every_question_and_help_reads_in_the_persons_language():
    texts = []
    for lang in LANGUAGES:
        i18n.set_language(lang)
        for q in interview.QUESTIONS:
            for text in (q.prompt, q.help, q.confirm, *(c.label for c in q.choices)):
                if text:
                    texts.append((q.id, lang, i18n.gettext(text, lang)))
            for group in ("cerballiance", "other"):
                texts.append((f"{q.id} after {group}", lang, interview.prompt_text(q, {"lab": group})))
        for name in interview.PARTS:
            texts.append(("part", lang, i18n.gettext(name, lang)))
    assert_reads_well(texts)


def test_every_finding_reads_in_the_persons_language():
    texts = []
    for person in journeys():
        for finding in inference.infer(person):
            where = f"{person.person.first_name}/{finding.actor.id}"
            texts += actor_texts(finding.actor, where)
            texts += [(f"{where} reason", lang, reason.get(lang)) for reason in finding.reasons for lang in LANGUAGES]
        texts += [(f"{person.person.first_name} note", lang, i18n.gettext(note, lang))
                  for note in inference.notes(person) for lang in LANGUAGES]
    assert_reads_well(texts)


def test_every_directory_entry_reads_in_the_persons_language():
    texts = []
    for actor in directory.load_directory().values():
        texts += actor_texts(actor, actor.id)
    assert_reads_well(texts)


def test_a_name_the_same_in_both_languages_is_an_organisations_own():
    """« Opérateur de tiers payant (Almerys, Viamedis, SP Santé…) » in the English list: a description left untranslated."""
    described = [actor.name.fr for actor in directory.load_directory().values()
                 if actor.name.fr == actor.name.en and actor.name.fr not in PROPER_NAMES]
    assert not described


def test_no_reason_names_a_mutuelle_by_its_id():
    alan = journey.journey_from_document(journey.answers_document({**EVERYTHING, "mutuelle": "alan"}))
    reasons = [reason.get(lang) for finding in inference.infer(alan) for reason in finding.reasons for lang in LANGUAGES]
    assert any("(Alan)" in reason for reason in reasons) and not any("(alan)" in reason for reason in reasons)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_cli_prints_reads_in_the_persons_language(lang, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SAR_LANG", lang)
    i18n.set_language(lang)
    texts = []
    for path in PEOPLE[:2]:
        assert main(["actors", "--answers", str(path)]) == 0
        printed = capsys.readouterr().out
        # `[id]` after a name is the handle `--only` takes, as `sar actors --help` says: a command's word, kept.
        texts.append((f"sar actors {path.name}", lang, re.sub(r"\s+\[[a-z0-9-]+\]$", "", printed, flags=re.M)))
        assert main(["letters", "--answers", str(path), "--out", str(tmp_path / "out"), "--format", "txt",
                     "--track", "--db", str(tmp_path / "t.json")]) == 0
        # The answers file the person gave is theirs, named back to them in a command to run: not a file of sar's.
        texts.append((f"sar letters {path.name}", lang, capsys.readouterr().out.replace(str(path), "FILE")))
    assert main(["track", "list", "--db", str(tmp_path / "t.json")]) == 0
    texts.append(("sar track list", lang, capsys.readouterr().out))
    for actor_id in ("your-lab-site", "cnop-dossier-pharmaceutique", "tiers-payant-operator"):
        assert main(["directory", "show", actor_id]) == 0
        printed = capsys.readouterr().out
        texts.append((f"sar directory show {actor_id}", lang, re.sub(r"\s+\[[a-z0-9-]+\]$", "", printed, flags=re.M)))
    assert_reads_well(texts)


def test_an_msa_member_reads_of_the_msa_not_of_ameli():
    """The régime's own: Marcel's fund is the MSA, whose members have no ameli.fr account."""
    marcel = journey.load_answers(EXAMPLES / "marcel-delpech.toml")
    texts = [text for finding in inference.infer(marcel) for _where, _lang, text in actor_texts(finding.actor, "")]
    texts += [reason.get(lang) for finding in inference.infer(marcel) for reason in finding.reasons for lang in LANGUAGES]
    answers = journey.journey_as_answers(marcel)
    asked = [step.offer.question for step in interview.walk(answers)]
    texts += [i18n.gettext(text, lang) for q in asked for text in (q.help, q.prompt) if text for lang in LANGUAGES]
    assert any("MSA Dordogne Lot-et-Garonne" in text for text in texts)
    assert not [text for text in texts if "ameli" in text.lower()]


@pytest.mark.parametrize("stored, lang, shown", [
    ("Votre pharmacie", "en", "Your pharmacy"),  # a French letter's placeholder, in the English CLI
    ("Your doctor (2)", "fr", "Votre médecin (2)"),
    ("Opérateur de tiers payant (Almerys, Viamedis, SP Santé…)", "en",
     "Tiers-payant operator (Almerys, Viamedis, SP Santé…)"),
    ("Dr Claire Roux", "en", "Dr Claire Roux"),  # a name the person gave is the organisation's own
    ("CPAM de Paris", "en", "CPAM de Paris"),
])
def test_a_tracked_requests_name_is_shown_in_the_persons_language(stored, lang, shown):
    from sar.rights import shown_request

    i18n.set_language(lang)
    assert shown_request(stored, "access") == shown
