"""The rights a person can exercise besides access, where each applies to a health-data holder, and where it does not.

Each right is a letter kind (`letters/<lang>/<right>.j2`) and a tracked request with the same one-month clock as access
(GDPR art. 12(3)). Facts and sources: docs/legal.md, "The other rights, and their health-specific limits".

`advise(right, actor)` says, before any letter is written, whether the right can succeed with this organisation:
- **does not apply**: no letter is written (a letter that cannot succeed only delays the person). Portability (art. 20)
  covers only processing based on consent or a contract (20(1)(a)), so never data kept because the law requires it,
  and never processing for a task in the public interest or under official authority (20(3)): not the health-insurance
  funds, not Mon Espace Santé (20(3)), not a hospital's medical record (20(1)(a); 20(3) too for a public hospital).
- **likely refused**: written only if the person insists, with the reason and what can work instead. Erasure of a
  medical record (kept 20 years by an establishment, CSP R.1112-7, as long by analogy by a practice or a lab; art.
  17(3)(b) and (c)); erasure or objection where the
  processing is a legal obligation (art. 17(3)(b); art. 21(1) covers only art. 6(1)(e) and (f)); erasure by a mutuelle
  while the person's contract runs (the data are still needed, so 17(1)(a) is not met; 17(3)(b) for what the law
  requires it to keep); withdrawal of consent
  where the processing does not rest on consent but on a legal obligation or a public-interest task (art. 6(1)(c) or
  (e), with art. 9(2)(h) for health data); any of these sent to a processor, which acts for a controller (art. 28).
- **needs the person's words**: rectification (what is wrong, art. 16), restriction (its ground, art. 18(1)) and
  objection (the grounds relating to the person's particular situation, art. 21(1)). An objection to direct marketing
  is its own right here (`objection-marketing`, art. 21(2)): it is absolute and needs no reason (21(3)).
- Mon Espace Santé can be closed by the person at any time, from the account or by asking; its data are then archived
  ten years and deleted, or deleted within three months on an express request (CSP R.1111-36). The erasure letter to
  Mon Espace Santé is that express request: it names the space only (the caisse it goes to keeps other data by law),
  and its request is tracked with those three months (`sar.requests.model`).

The rules read the directory's `category` and `controller` role, so an organisation the person adds is judged the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from sar.directory import Actor
from sar.errors import InputError
from sar.i18n import N_, _

ACCESS = "access"
MARKETING_OBJECTION = "objection-marketing"  # art. 21(2): its own letter, as it needs no grounds (21(1) does)


@dataclass(frozen=True)
class Right:
    """One right of the data subject: its letter kind, its article, its name and a one-line explanation (message ids)."""

    id: str
    article: str
    name: str
    explanation: str
    needs_details: bool = False  # the letter says what is wrong or what is meant: the person must write it
    request: str = ""  # what a tracked request of this right is called ("erasure request"), a message id


RIGHTS: dict[str, Right] = {right.id: right for right in (
    Right(ACCESS, "art. 15", N_("the right of access"),
          N_("know what they hold about you, why, for how long, who receives it, and get a copy"),
          request=N_("access request")),
    Right("rectification", "art. 16", N_("the right to rectification"),
          N_("have inaccurate data corrected and incomplete data completed"),
          needs_details=True, request=N_("rectification request")),
    Right("erasure", "art. 17", N_("the right to erasure"),
          N_("have your data deleted where nothing requires them to keep it (an account, an app, data given on consent)"),
          request=N_("erasure request")),
    Right("restriction", "art. 18", N_("the right to restriction of processing"),
          N_("have your data frozen (kept, not used) while their accuracy is disputed, or instead of erasure"),
          needs_details=True, request=N_("restriction request")),
    Right("portability", "art. 20", N_("the right to data portability"),
          N_("get the data you gave an app, a device or a platform in a reusable file, or have them sent elsewhere"),
          request=N_("portability request")),
    Right("objection", "art. 21(1)", N_("the right to object"),
          N_("stop a use based on their legitimate interest or a public-interest task, for reasons of your own "
             "situation, which the letter states"),
          needs_details=True, request=N_("objection")),
    Right(MARKETING_OBJECTION, "art. 21(2)", N_("the right to object to direct marketing"),
          N_("stop any use of your data for marketing (advertising, newsletters, the profiling behind them): no "
             "reason needed"),
          request=N_("objection to direct marketing")),
    Right("withdrawal", "art. 7(3)", N_("the right to withdraw consent"),
          N_("withdraw a consent you gave (an app, a device, a newsletter); what was done before stays lawful"),
          request=N_("withdrawal of consent")),
)}
OTHER_RIGHTS = tuple(right for right in RIGHTS if right != ACCESS)

# Who holds what, by the directory's categories (sar/data/directory.toml).
MEDICAL_RECORD_CATEGORIES = frozenset({"practice", "hospital", "lab", "imaging"})  # records of care, CSP L.1111-7 / R.1112-7
DISPENSING_CATEGORIES = frozenset({"pharmacy"})  # dispensing records the pharmacy must keep
PUBLIC_CATEGORIES = frozenset({"insurance-fund", "insurance-medical-service", "national-record"})  # public service
CONSENT_CATEGORIES = frozenset({"device", "booking", "teleconsultation", "results-platform"})  # accounts and apps
MUTUELLE = "mutuelle"  # supplementary health insurance: a contract the person has (the interview asks about the current one)
MON_ESPACE_SANTE = "mon-espace-sante"


@dataclass(frozen=True)
class Advice:
    """What sar tells the person before writing a letter for a right (message ids; `alternatives` are right ids)."""

    right: Right
    applies: bool = True
    likely_refused: bool = False
    reason: str = ""
    alternatives: tuple[str, ...] = ()
    self_service: str = ""


class RightDoesNotApply(InputError):
    """The right cannot succeed with this organisation: no letter is written."""


class UnknownRight(InputError):
    """A right sar does not know."""


def request_kind_name(kind: str) -> str:
    """What a tracked request of letter kind `kind` is called, as a message id: "" for an access request (every kind
    "access..."), which is what sar writes by default, else the right's ("erasure request")."""
    right = RIGHTS.get(kind)
    return "" if kind.startswith(ACCESS) or right is None else right.request


def shown_request(actor_name: str, kind: str) -> str:
    """A tracked request as lists show it, in the UI language: the organisation, and the right when the request is not
    an access request: "Doctolib SAS (erasure request)"."""
    from sar.shown_names import shown_name  # « Votre pharmacie » kept from a French letter reads "Your pharmacy" here

    name, actor_name = request_kind_name(kind), shown_name(actor_name)
    return _("{actor} ({request})").format(actor=actor_name, request=_(name)) if name else actor_name


def get_right(right_id: str) -> Right:
    right = RIGHTS.get(str(right_id).strip().lower())
    if right is None:
        raise UnknownRight(_("unknown right {value!r}: choose one of {choices}").format(
            value=right_id, choices=", ".join(RIGHTS)))
    return right


def _holds_medical_record(actor: Actor) -> bool:
    return actor.category in MEDICAL_RECORD_CATEGORIES or actor.letter == "access-medical-record"


def _in(*categories: str) -> Callable[[Actor], bool]:
    return lambda actor: actor.category in categories


def _keeps_by_law(actor: Actor) -> bool:
    """A record of care or a dispensing record: kept because the law requires it."""
    return _holds_medical_record(actor) or actor.category in DISPENSING_CATEGORIES


APPLIES, LIKELY_REFUSED, DOES_NOT_APPLY = "applies", "likely refused", "does not apply"


@dataclass(frozen=True)
class AdviceRule:
    """One row of ADVICE: for a right of `rights`, an organisation for which `when(actor)` holds gets `verdict`, with
    the reason (a message id), the rights that can work instead, and what the person can do themselves."""

    rights: frozenset[str]
    when: Callable[[Actor], bool]
    verdict: str
    reason: str
    alternatives: tuple[str, ...] = ()
    self_service: str = ""


MON_ESPACE_SANTE_CLOSING = N_(
    "you can close Mon Espace Santé yourself at any time, from your account or by asking for it; its data are then "
    "archived for ten years and deleted, or deleted within three months if you expressly ask for it (CSP R.1111-36)")

# The rules as a table, read in order: the first row whose right and organisation match gives the advice (see the module
# docstring for why); a right no row matches applies.
#   right        organisation                                   verdict          instead
#   portability  a fund, Mon Espace Santé (public service)      does not apply   access          art. 20(3), 20(1)(a)
#   portability  a hospital                                     does not apply   access          art. 20(1)(a), 20(3)
#   portability  a record of care or of dispensing              likely refused   access          art. 20(1)
#   erasure      Mon Espace Santé                               applies (the express request of CSP R.1111-36)
#   erasure      a record of care                               likely refused   rectification, restriction
#   erasure      a public service, a dispensing record          likely refused   rectification, restriction
#   erasure      a mutuelle                                     likely refused   rectification, restriction
#   objection    a public service                               applies (may be refused: compelling grounds)
#   objection    a record of care or of dispensing              likely refused   restriction, rectification
#   withdrawal   not an account or app, not a mutuelle          likely refused   restriction, rectification
#   any but access  a processor                                 likely refused   (the controller)  art. 28
ADVICE: tuple[AdviceRule, ...] = (
    AdviceRule(frozenset({"portability"}), _in(*PUBLIC_CATEGORIES), DOES_NOT_APPLY, N_(
        "portability does not apply here: a health-insurance fund or Mon Espace Santé processes your data for a "
        "task in the public interest, which portability never covers (GDPR art. 20(3)); nor does it cover data "
        "kept because the law requires it, since it covers only data processed on your consent or under a "
        "contract (art. 20(1)(a)); ask for a copy instead (the right of access)"), (ACCESS,)),
    AdviceRule(frozenset({"portability"}), _in("hospital"), DOES_NOT_APPLY, N_(
        "portability does not apply here: a hospital keeps your medical record because the law requires it, "
        "not on your consent or under a contract, which portability needs (GDPR art. 20(1)(a)); a public "
        "hospital also acts for a task in the public interest, which portability never covers (art. 20(3)); "
        "ask for a copy instead (the right of access)"), (ACCESS,)),
    AdviceRule(frozenset({"portability"}), _keeps_by_law, LIKELY_REFUSED, N_(
        "portability will likely be refused: a record of care is kept because the law requires it, not on "
        "your consent or under a contract (GDPR art. 20(1)); a copy (the right of access) always works"), (ACCESS,)),
    AdviceRule(frozenset({"erasure"}), lambda actor: actor.id == MON_ESPACE_SANTE, APPLIES, N_(
        "this letter is the express request to delete the data of your Mon Espace Santé (CSP R.1111-36): it "
        "names the space only, not the other data your caisse keeps, and the caisse has three months to grant "
        "it"), self_service=MON_ESPACE_SANTE_CLOSING),
    AdviceRule(frozenset({"erasure"}), _holds_medical_record, LIKELY_REFUSED, N_(
        "erasure of a medical record will likely be refused: a health establishment must keep it 20 years "
        "after the last stay or consultation (CSP R.1112-7), practices and labs keep theirs as long by "
        "analogy, and the GDPR allows that (art. 17(3)(b) and (c)); rectification or restriction can work "
        "instead"), ("rectification", "restriction")),
    AdviceRule(frozenset({"erasure"}), _in(*PUBLIC_CATEGORIES, *DISPENSING_CATEGORIES), LIKELY_REFUSED, N_(
        "erasure will likely be refused: the law requires them to keep these data (GDPR art. 17(3)(b)); "
        "rectification or restriction can work instead"), ("rectification", "restriction")),
    AdviceRule(frozenset({"erasure"}), _in(MUTUELLE), LIKELY_REFUSED, N_(
        "erasure will likely be refused while your contract with this mutuelle runs: it still needs these data "
        "to reimburse you, so the ground of GDPR art. 17(1)(a) (data no longer needed) is not met, and the law "
        "requires it to keep some of them (art. 17(3)(b)); once the contract has ended, you can write it "
        "anyway; rectification or restriction can work instead"), ("rectification", "restriction")),
    AdviceRule(frozenset({"objection"}), _in(*PUBLIC_CATEGORIES), APPLIES, N_(
        "a public body processes these data for a task in the public interest: objection applies (GDPR art. "
        "21(1)), but it may be refused if the body shows compelling legitimate grounds, or where a law requires the "
        "processing; say in your own words what in your situation justifies your objection")),
    AdviceRule(frozenset({"objection"}), _keeps_by_law, LIKELY_REFUSED, N_(
        "objection will likely be refused: these data are processed because the law requires it, and objection "
        "covers only processing based on legitimate interests or a public-interest task (GDPR art. 21(1)), and "
        "direct marketing (art. 21(2)); restriction or rectification can work instead"),
        ("restriction", "rectification")),
    AdviceRule(frozenset({"withdrawal"}), lambda actor: actor.category not in CONSENT_CATEGORIES | {MUTUELLE},
               LIKELY_REFUSED, N_(
        "withdrawal will likely have no effect: this organisation does not process your health data on your "
        "consent but because the law requires it or for a task in the public interest (GDPR art. 6(1)(c) or (e)), "
        "for your care and its management (art. 9(2)(h)); restriction or rectification may fit better"),
        ("restriction", "rectification")),
    AdviceRule(frozenset(RIGHTS) - {ACCESS}, lambda actor: actor.controller == "processor", LIKELY_REFUSED, N_(
        "this organisation processes the data for another (a processor, GDPR art. 28): it must help that "
        "controller answer, but the request is best sent to the controller itself (your doctor, your lab, your "
        "mutuelle)")),
)


def advise(right_id: str, actor: Actor) -> Advice:
    """Whether `right_id` can succeed with `actor`, and if not, why and what can work instead (see the module docstring)."""
    advice = _advise(get_right(right_id), actor)
    if actor.id == MON_ESPACE_SANTE and advice.right.id in ("objection", MARKETING_OBJECTION, "withdrawal"):
        return replace(advice, self_service=MON_ESPACE_SANTE_CLOSING)
    return advice


def _advise(right: Right, actor: Actor) -> Advice:
    rule = next((rule for rule in ADVICE if right.id in rule.rights and rule.when(actor)), None)
    if rule is None:
        return Advice(right)
    return Advice(right, applies=rule.verdict != DOES_NOT_APPLY, likely_refused=rule.verdict == LIKELY_REFUSED,
                  reason=rule.reason, alternatives=rule.alternatives, self_service=rule.self_service)


# The same, for the chat's rights screen, where the person types in a box rather than --details.
DETAILS_ASKED = {
    "rectification": N_("Write in the box what is wrong and what it should say (for example: my date of birth is "
                        "12/04/1985, not 21/04/1985)."),
    "restriction": N_("Write in the box the ground of your request: you dispute the data's accuracy; the processing is "
                      "unlawful and you want restriction instead of erasure; you need the data for a legal claim; or "
                      "you have objected and wait for the answer."),
    "objection": N_("Write in the box why you object: the reasons relating to your particular situation (GDPR art. "
                    "21(1)), for example: my appointments reveal an illness my work obliges me to keep private. To "
                    "object to direct marketing, which needs no reason, choose that right instead."),
}
DETAILS_NEEDED = {
    "rectification": N_("a rectification letter says what is wrong and what it should say: write it with "
                        "--details \"...\" (for example: \"my date of birth is 12/04/1985, not 21/04/1985\")"),
    "restriction": N_("a restriction letter gives its ground (GDPR art. 18(1)): write it with --details \"...\" (you "
                      "dispute the data's accuracy; the processing is unlawful and you want restriction instead of "
                      "erasure; you need the data for a legal claim; or you have objected and wait for the answer)"),
    "objection": N_("an objection states its grounds relating to your particular situation (GDPR art. 21(1)): write "
                    "them with --details \"...\" (for example: \"my appointments reveal an illness my work obliges me "
                    "to keep private\"); an objection to direct marketing needs none: --right objection-marketing"),
}


def check_details(right: Right, details: str) -> str:
    """The person's own text for the letter, required where the right needs it: what is wrong (rectification), the
    ground of art. 18(1) (restriction), the grounds relating to the person's particular situation (objection, art.
    21(1); none for direct marketing, art. 21(2))."""
    text = " ".join(str(details or "").split())
    if right.needs_details and not text:
        raise InputError(_(DETAILS_NEEDED[right.id]))
    return text
