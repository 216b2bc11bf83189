"""The explicit registry of finding codes.

Codes are ``RG`` + three digits in families by hundreds (RG0xx tool, RG1xx licence-text parsing,
RG2xx catalogue data, RG3xx lineage and compatibility, RG4xx model-card lint) and are never
reused. Each rule documents what it finds, why it matters, an example and the fix; tests check
that every rule has them and that codes are unique and sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from railguard.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """One finding code and its documentation."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    fix: str


_RULES = (
    Rule(
        code="RG101",
        name="modified-licence-text",
        severity=Severity.WARNING,
        summary="A licence text is a variant of a catalogue licence: restrictions added, dropped or reworded",
        why=(
            "Model repositories often ship a RAIL or vendor licence that was edited: a restriction "
            "removed, one added, a clause reworded. Tools and people that trust the title read the "
            "wrong terms, and a derivative that follows the original may break the edited one."
        ),
        example=(
            "A LICENSE titled `CreativeML Open RAIL-M` whose Attachment A lacks the medical-advice "
            "item: `railguard parse LICENSE` reports RG101 naming `creativeml-openrail-m` and the "
            "dropped category `medical-advice`."
        ),
        fix=(
            "Treat the file as its own licence: declare it as `license: other` with a `license_name` "
            "of your own and link the file, or restore the published text."
        ),
    ),
    Rule(
        code="RG102",
        name="unrecognised-licence-text",
        severity=Severity.INFO,
        summary="A licence text matches no catalogue licence closely enough to be named",
        why=(
            "Without a catalogue match railguard can only report what the text itself says; "
            "duties that its wording does not make explicit may be missed."
        ),
        example="A bespoke research licence: `railguard parse LICENSE` lists its restrictions and reports RG102.",
        fix="Read the text's restrictions as reported; propose a catalogue entry if the licence is in wide use.",
    ),
    Rule(
        code="RG103",
        name="no-clauses-found",
        severity=Severity.WARNING,
        summary="A file was read but no licence clause (grant, restriction or duty) was recognised in it",
        why=(
            "An empty file, a README, or a licence in a language railguard does not read yet: "
            "treating it as unrestricted would be a guess."
        ),
        example="An empty LICENSE file: `railguard parse LICENSE` reports RG103.",
        fix="Check that the file is the licence text; for a licence in another language, add its English version.",
    ),
)

_LINEAGE = (
    Rule(
        "RG301",
        "missing-inherited-restriction",
        Severity.ERROR,
        "A derivative's licence lacks use restrictions that an ancestor's licence requires it to carry",
        "RAIL, Hippocratic and vendor licences with a flow-down clause bind every derivative: the "
        "derivative's own licence must contain their use restrictions as enforceable terms. A "
        "fine-tune of Stable Diffusion released as MIT drops them, so its users are not bound and "
        "its publisher breaches the upstream licence.",
        "`runwayml/stable-diffusion-v1-5` is `creativeml-openrail-m`; `acme/sd-anime` built on it "
        "declares `mit`: RG301 lists the missing categories (`minors`, `medical-advice`, ...) and "
        "the clauses `Attachment A (a)`-`(k)` and `4(a)`.",
        "Release the derivative under the upstream licence (or one that carries all of its use "
        "restrictions and the duty to pass them on), and say so in the model card.",
    ),
    Rule(
        "RG302",
        "same-licence-required",
        Severity.ERROR,
        "An ancestor's licence requires derivatives to stay under it, and the derivative declares another",
        "Copyleft and share-alike licences, and vendor agreements such as Llama's, keep the licensed "
        "material (and for copyleft the whole derivative) under their own terms. Declaring another "
        "licence misstates what users may do.",
        "A Llama 3.1 fine-tune declared `apache-2.0`: RG302 cites `llama3.1` section 1.b.i.",
        "Declare the upstream licence (for vendor licences, `license: other` with the vendor's "
        "`license_name`), or one the upstream licence lists as compatible.",
    ),
    Rule(
        "RG303",
        "irreconcilable-licences",
        Severity.ERROR,
        "A model is bound both by a licence that forbids further restrictions and by one that imposes use restrictions",
        "GPL and CC BY-SA forbid adding restrictions to what they license; RAIL and vendor licences "
        "require adding their use restrictions. A merge of both kinds of parent, or a RAIL licence "
        "on a GPL derivative, cannot satisfy both; no choice of licence fixes it.",
        "A merge of a `cc-by-sa-4.0` model with a `creativeml-openrail-m` model: RG303 names both licences.",
        "Drop one of the parents, or obtain different terms from one of the licensors.",
    ),
    Rule(
        "RG304",
        "non-commercial-relicensed",
        Severity.ERROR,
        "A derivative of a non-commercial or research-only model declares a licence that permits commercial use",
        "Non-commercial terms follow the material into adaptations and quantizations; a permissive "
        "declaration invites commercial users the licensor excluded.",
        "A quantization of a `cc-by-nc-4.0` model declared `apache-2.0`: RG304.",
        "Declare the non-commercial licence of the ancestor (or a licence at least as restrictive).",
    ),
    Rule(
        "RG305",
        "restrictions-not-passed-on",
        Severity.ERROR,
        "A derivative's licence carries an ancestor's use restrictions but not the duty to pass them on",
        "Flow-down licences require each recipient to impose the restrictions on the next; a licence "
        "that lists them but lets recipients drop them breaks the chain after one step.",
        "A derivative under a bespoke licence with the RAIL restrictions but no distribution clause.",
        "Use the upstream licence, or add a clause requiring recipients to pass the restrictions on.",
    ),
    Rule(
        "RG306",
        "derivative-duty",
        Severity.WARNING,
        "An inherited licence imposes a duty that a licence id cannot show: a name prefix, a notice, a scale limit",
        "Llama 3.x derivatives must be named with the `Llama` prefix and show `Built with Llama`; "
        "vendor licences require a separate licence above a user or revenue threshold. These live in "
        "names, pages and contracts, which a lineage manifest does not hold.",
        "A model built on `llama3.1` named `acme/chat-8b`: RG306 cites the naming duty of 1.b.i.",
        "Check the duty is met (rename, add the notice, confirm the scale) and note it in the card.",
    ),
    Rule(
        "RG307",
        "upstream-notice",
        Severity.INFO,
        "An ancestor's licence requires its notices to be kept",
        "Permissive licences put no limit on the derivative's licence but require keeping their "
        "copyright and licence notices.",
        "A fine-tune of an `apache-2.0` model: RG307 reminds to keep the NOTICE and licence text.",
        "Ship the upstream licence text and notices with the derivative.",
    ),
    Rule(
        "RG308",
        "unknown-licence",
        Severity.WARNING,
        "A model's licence is missing or not in the catalogue, so what it inherits cannot be checked",
        "Without a known licence railguard cannot say what the model passes down or whether it honours its ancestors.",
        "`license: my-custom-licence` on a model: RG308 with the closest catalogue ids.",
        "Use a catalogue id or alias (`railguard licences`), or point `licence_file` at the licence text.",
    ),
    Rule(
        "RG309",
        "unknown-base-model",
        Severity.WARNING,
        "A base model is neither in the input nor in the table of well-known models",
        "Its licence, and so everything the derivative inherits through it, is unknown.",
        "`base_model: someone/private-model` with no entry for it: RG309.",
        "Add the base model (with its licence) to the manifest.",
    ),
    Rule(
        "RG310",
        "lineage-cycle",
        Severity.WARNING,
        "The base-model relation loops back on itself",
        "A model cannot be its own ancestor; the input is wrong somewhere on the loop, and "
        "inheritance around it is checked only from outside the loop.",
        "`a` has base model `b` and `b` has base model `a`: RG310 on `a`, naming `b` as the rest of the loop.",
        "Correct the `base_model` entries on the loop.",
    ),
    Rule(
        "RG311",
        "ambiguous-licence-id",
        Severity.WARNING,
        "A licence id names a family of licences (`openrail`, `cc`, `gpl`, ...), read conservatively",
        "The terms differ between members of the family; railguard applies the most demanding common "
        "reading, which may over- or under-state the real terms.",
        "`license: openrail`: RG311, read as an Open RAIL-M licence with the standard restrictions.",
        "Declare the exact licence id (`creativeml-openrail-m`, `cc-by-nc-4.0`, `gpl-3.0`, ...).",
    ),
    Rule(
        "RG312",
        "unsettled-inheritance",
        Severity.WARNING,
        "An ancestor's licence restricts use but does not say whether derivatives are bound",
        "Some vendor licences list prohibited uses without a flow-down or same-licence clause; "
        "whether those prohibitions reach a derivative's users is unsettled law, so railguard "
        "reports it rather than guessing.",
        "A fine-tune of a `qwen-license` model declared `apache-2.0`: RG312.",
        "Carry the ancestor's restrictions in the derivative's licence, or get advice on the licence's reach.",
    ),
    Rule(
        "RG313",
        "invalid-lineage-record",
        Severity.WARNING,
        "A record of a lineage table (a JSONL line, a CSV row, a model card) cannot be read and is skipped",
        "One broken record should not stop a check of millions of models, but every model it "
        "describes is missing from the result, and so are the conflicts it might have.",
        "A JSONL line that is not JSON, or a CSV row without an `id`: RG313 with the line number.",
        "Fix the record; the message gives the file and line.",
    ),
    Rule(
        "RG314",
        "use-not-permitted",
        Severity.ERROR,
        "A licence that governs the model restricts the use asked about",
        "Use-based restrictions bind every user of the model and of its derivatives; a deployer "
        "who uses it for a restricted purpose breaches the licence and loses the right to use it.",
        "`railguard permits runwayml/stable-diffusion-v1-5 --use medical-advice`: RG314 citing "
        "`creativeml-openrail-m` Attachment A (j).",
        "Do not use the model for that purpose, or obtain other terms from the licensor.",
    ),
    Rule(
        "RG315",
        "commercial-use-not-permitted",
        Severity.ERROR,
        "A licence that governs the model forbids commercial use",
        "Non-commercial and research-only terms reach every derivative; commercial deployment breaches them.",
        "`railguard permits lab/nc-model --use fraud --commercial --lineage models.yaml` on a "
        "`cc-by-nc-4.0` model: RG315.",
        "Use the model only non-commercially, or obtain a commercial licence from the licensor.",
    ),
    Rule(
        "RG316",
        "use-not-established",
        Severity.WARNING,
        "Whether the use is permitted cannot be established: a governing licence is unknown or leaves it open",
        "An unknown licence, or one that does not say whether commercial use is allowed, cannot "
        "support a yes; railguard answers 'not permitted' rather than guess.",
        "A model whose ancestor's licence is unknown: RG316.",
        "Find out the missing licence (or the licensor's position) before relying on the model.",
    ),
    Rule(
        "RG318",
        "hub-lookup-incomplete",
        Severity.WARNING,
        "With `--hub`, some base models were not looked up on the Hugging Face Hub: it could not be "
        "reached, or a lookup limit was hit",
        "`--hub` fills in base models the input does not describe. When the Hub times out, refuses "
        "service or a limit stops the walk, those models stay unknown (each is reported as RG309 "
        "saying why), so what their descendants inherit cannot be checked. The run goes on "
        "rather than failing, and reports this once.",
        "`railguard lineage models.yaml --hub` without network access: RG318 names the Hub address "
        "and the error, and how many base models were not looked up.",
        "Check the network, `HF_ENDPOINT` and any proxy, then run again (answers already received "
        "are cached); raise `--hub-max-lookups` when the limit was hit; or add the base models "
        "with their licences to the input.",
    ),
)

_INBOUND = (
    Rule(
        "RG317",
        "upstream-term-is-further-restriction",
        Severity.ERROR,
        "The derivative's licence forbids further restrictions and counts a term of an upstream licence as one",
        "Some copyleft licences (GPL-2.0 section 6, LGPL-2.1 section 10) forbid imposing any restriction "
        "beyond their own. The FSF and the Apache Software Foundation read Apache-2.0's patent-termination "
        "term as such a restriction, so Apache-2.0 code cannot be released under GPL-2.0-only, even "
        "though Apache-2.0 itself allows any licence for derivatives.",
        "`railguard compat apache-2.0 gpl-2.0`: RG317 citing Apache-2.0 section 3 and GPL-2.0 section 6.",
        "Release the derivative under a licence that accepts the upstream's terms (GPL-3.0 accepts "
        "Apache-2.0's), or obtain the upstream under other terms.",
    ),
)

#: Every rule by code, sorted by code.
RULES: dict[str, Rule] = {r.code: r for r in sorted(_RULES + _LINEAGE + _INBOUND, key=lambda r: r.code)}


def rule(code: str) -> Rule:
    """The rule for ``code``.

    Raises:
        KeyError: unknown code.
    """
    return RULES[code]


def finding(code: str, message: str, **fields: Any) -> Finding:
    """A finding of rule ``code``, with the rule's default severity; ``fields`` as on Finding."""
    r = RULES[code]
    return Finding(r.code, r.severity, message, **fields)
