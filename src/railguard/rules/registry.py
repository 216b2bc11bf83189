"""The explicit registry of finding codes.

Codes are ``RG`` + three digits in families by hundreds (RG0xx tool, RG1xx licence-text parsing,
RG2xx catalogue data, RG3xx lineage and compatibility, RG4xx model-card lint, RG5xx model-repository
audit) and are never reused. Each rule documents what it finds, why it matters, an example and the fix; tests check
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
    Rule(
        code="RG104",
        name="use-policy-text",
        severity=Severity.INFO,
        summary="A text is the acceptable use policy of a catalogue licence, not the licence itself",
        why=(
            "A use policy lists prohibited uses; the licence that incorporates it adds the grant, "
            "the duty to pass the restrictions on, naming and scale terms. Reading the policy as the "
            "licence would miss all of those."
        ),
        example=(
            "A USE_POLICY.md holding the Llama 3.1 Acceptable Use Policy: `railguard parse USE_POLICY.md` "
            "reports RG104 naming `llama3.1`."
        ),
        fix="Parse or declare the licence itself (`llama3.1`); keep the policy beside it as its published part.",
    ),
    Rule(
        code="RG105",
        name="non-binding-text",
        severity=Severity.WARNING,
        summary="A text says it does not legally bind: its prohibitions are statements of intent",
        why=(
            "Some projects publish a use policy as a community norm beside a permissive licence. Its "
            "prohibitions are reported, but they are not licence terms, and downstream users are not "
            "bound by them; whether such a statement has any legal effect is unsettled."
        ),
        example=(
            "An AUP that says it is not a legal amendment to the Apache-2.0 licence: `railguard parse` lists "
            "its prohibited uses and reports RG105."
        ),
        fix="Treat the listed uses as the author's wishes; the licence that binds is the one the text names.",
    ),
    Rule(
        code="RG106",
        name="not-english",
        severity=Severity.WARNING,
        summary="A text is not in English, so its clauses were not read",
        why=(
            "The clause grammar and the category lexicon read English. A text in another language yields "
            "no restrictions, which must not be mistaken for a text that restricts nothing."
        ),
        example="A use policy written in Portuguese: `railguard parse` reports RG106 and no restrictions.",
        fix="Parse the English version of the text, or read the restrictions yourself.",
    ),
    Rule(
        code="RG107",
        name="uncategorised-restriction",
        severity=Severity.INFO,
        summary="A text prohibits a use that no restriction category names",
        why=(
            'A prohibition such as "shall be used for Good, not Evil" or "not as a hosted service" is a real '
            "limit on use, but none of the catalogue's categories says what it covers; it cannot be "
            "compared with other licences' restrictions, so it is reported on its own."
        ),
        example="The JSON licence: `railguard parse LICENSE` reports RG107 with the clause and its line.",
        fix="Read the clause; if it is common, propose a category or a lexicon entry for it.",
    ),
    Rule(
        code="RG108",
        name="wording-not-verified",
        severity=Severity.INFO,
        summary=(
            "A text names a catalogue licence in its title, but railguard holds no reference wording to check "
            "it against"
        ),
        why=(
            "Only a text whose wording matches a licence's published text is identified exactly. For "
            "licences whose text railguard has no fingerprint of, a matching title and matching terms "
            "are reported as the nearest licence, without the word-for-word check."
        ),
        example=(
            "A LICENSE titled `BigCode OpenRAIL-M v1.1`: `railguard parse` names `bigcode-openrail-m-1.1` and "
            "reports RG108."
        ),
        fix="Compare the text with the licence's published version, or declare the catalogue id if it is that licence.",
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

#: The lineage on real Hub metadata: unknowns said out loud, declarations read as written.
_LINEAGE_METADATA = (
    Rule(
        "RG319",
        "inheritance-unknown",
        Severity.WARNING,
        "What a model inherits cannot be established: an ancestor has no licence, an unknown one, or a "
        "base model found nowhere",
        "A model's own licence may look fine while an ancestor's terms are unknown: a parent with no "
        "licence may be a relabelled Llama or Stable Diffusion model whose terms the model must carry. "
        "The finding names the nearest such ancestor and why, so that an audit never reads silence as "
        "compliance; `--fail-on warning` makes it fail.",
        "`a/p` has no licence and `a/c` (`mit`) names it as its base model: RG308 on `a/p` and RG319 on "
        '`a/c`: "it is built on `a/p`, which has no licence". Grouped for many models, the ancestor of '
        "each is named by `--verbose` and in SARIF's related locations; in JSON it is the upstream.",
        "Find out the ancestor's licence and add it to the input (or to its card), then check again.",
    ),
    Rule(
        "RG320",
        "licence-from-known-models",
        Severity.WARNING,
        "A record declares no licence, so the licence listed for it in the table of well-known models is used",
        "A root model present in the input without a licence would otherwise silence every derivative "
        "built on it, although railguard knows its terms. The table's entry (with the date it was checked "
        "and its source) is used instead, and the missing licence is reported.",
        '`{"id": "meta-llama/Llama-2-7b-hf"}` with no `license`: RG320 and the model is read as `llama2`.',
        "Add the licence to the record (or to the model's card).",
    ),
    Rule(
        "RG321",
        "licence-list",
        Severity.WARNING,
        "`license:` is a list, read conservatively both ways",
        "The Hub accepts a list of licence ids, but a list does not say whether it offers a choice (a "
        "dual licence) or covers parts under different licences. railguard checks every item against "
        "what the ancestors require (a user may take any of them) and hands all of them on to "
        "derivatives (all may apply), so no reading of the list escapes the check.",
        "`license: [creativeml-openrail-m, mit]` on a Stable Diffusion fine-tune: RG321, and RG301 for "
        "`mit`, which lacks the use restrictions.",
        "Say what the list means with an SPDX expression in `license_name` (`license: other`, "
        "`license_name: Apache-2.0 OR MIT` for a choice, `... AND ...` when all apply).",
    ),
    Rule(
        "RG322",
        "licence-fields-disagree",
        Severity.WARNING,
        "`license` and `license_name` name different licences",
        "The Hub reads `license_name` only beside `license: other`, so a card with `license: mit` and "
        "`license_name: deepseek` shows as MIT although its authors name another licence, often the "
        "model's real terms (code under MIT, weights under a vendor licence). Both are read as binding; "
        "a `license_name` that is no licence railguard knows is reported and `license` is read.",
        "`license: mit` with `license_name: deepseek`: RG322, and the model is bound by `mit AND deepseek-license`.",
        "Declare what applies: `license: other` with `license_name` naming the licence (or an SPDX "
        "expression such as `MIT AND deepseek-license`), or drop the field that is wrong.",
    ),
    Rule(
        "RG323",
        "licence-file-disagrees",
        Severity.WARNING,
        "A record's `license` and the text of its `licence_file` name different licences",
        "The licence text is what binds, but a declared id that says otherwise misleads readers and "
        "tools; both are read as binding until they agree.",
        "`license: cc-by-nc-4.0` with a `licence_file` that reads as Apache-2.0: RG323.",
        "Make the declared licence and the licence file say the same thing.",
    ),
    Rule(
        "RG325",
        "licensor-re-release",
        Severity.INFO,
        "A licensor re-releases its own model under a newer licence, so the older licence does not pass down",
        "A licensor is not bound by the licence it grants others: Meta's Llama 3.3 is built on Llama "
        "3.1 but published by Meta under the Llama 3.3 licence, so its derivatives owe Llama 3.1's "
        "same-licence duty nothing. railguard models this per edge: a model published by one of the "
        "Hub organisations listed as a licence's licensor (`licensors:` in `licences/_models.yaml`) "
        "does not inherit that licence from its base models.",
        "`meta-llama/Llama-3.3-70B-Instruct` (`llama3.3`) built on `meta-llama/Llama-3.1-70B`: RG325 "
        "on the edge, and no RG302 for the Llama 3.3 derivatives that declare `llama3.3`.",
        "Nothing to fix; if the organisation is not the licensor, correct `licensors:` in `licences/_models.yaml`.",
    ),
    Rule(
        "RG326",
        "known-model-licence-changed",
        Severity.INFO,
        "A well-known base model changed licence over time; its current licence is used",
        "Licensors relicense models (Stable Video Diffusion moved from a non-commercial licence to the "
        "Stability AI Community License): a derivative made from a copy obtained before the change "
        "took the earlier terms. railguard checks against the current licence and names the earlier one.",
        "A fine-tune of `stabilityai/stable-video-diffusion-img2vid-xt`: RG326 names "
        "`stable-video-diffusion-noncommercial` and the date of the change.",
        "If the derivative was made before the change, check it against the earlier licence "
        "(`railguard compat EARLIER DERIVATIVE`).",
    ),
    Rule(
        "RG327",
        "licence-value-not-an-id",
        Severity.WARNING,
        "A `license` value is a mapping or a nested list, not a licence id, so it is not read",
        "Such a value has no licence id to resolve; reading it as text would report a Python "
        "structure as an unknown licence.",
        "`license: {name: mit}`: RG327, and RG308 for the model with no licence.",
        "Write the licence id as text (`license: mit`).",
    ),
    Rule(
        "RG328",
        "derivative-of-no-derivatives",
        Severity.ERROR,
        "A model is built on material whose licence forbids sharing adaptations (CC BY-ND and the like)",
        "No-derivatives licences let the material be copied and shared only as it is: a fine-tune, "
        "adapter, merge or quantization changes it, and sharing that adapted material is outside the "
        "grant whatever licence the derivative declares, its upstream's own included. (CC 4.0 lets "
        "formats be changed as a technical modification, 2(a)(4); quantizing alters the weights, so it "
        "is reported as well.)",
        "A LoRA on a model declared `cc-by-nd-4.0`, published under `cc-by-nd-4.0` or `mit`: RG328 "
        "citing clause 2(a)(1)(B); `railguard compat cc-by-nd-4.0 mit` exits 1.",
        "Do not publish the derivative, or obtain the licensor's permission; build on a base model "
        "under a licence that allows adaptations.",
    ),
)

_TOOL = (
    Rule(
        "RG001",
        "unused-suppression",
        Severity.WARNING,
        "A `railguard: ignore` comment or a configured ignore suppresses nothing",
        "A suppression outlives the problem it was written for: once the card is fixed, the stale "
        "comment would silently hide the next, different problem with the same code. Reporting it "
        "keeps suppressions honest (ruff's RUF100 does the same).",
        "`<!-- railguard: ignore RG412 -->` in a card whose name already starts with `Llama`: RG001 "
        "on the comment's line.",
        "Delete the comment (or the code from `ignore` in `[tool.railguard]`).",
    ),
    Rule(
        "RG010",
        "fix-refused",
        Severity.WARNING,
        "`lint --fix` left a card unchanged because the fix could not be applied without touching other bytes",
        "`--fix` promises to change only the front-matter lines it names. When the line to edit is not "
        "valid UTF-8, a UTF-16 file does not decode, the edited front matter would not read back as "
        "intended, or the file changed while it was linted, writing anyway could damage the card; the "
        "findings the fix was for are still reported.",
        "`license: Apache-2.0` on a line holding a byte that is not UTF-8: RG010 at that line, and RG405 as before.",
        "Make the change the hint names by hand, in an editor that keeps the file's encoding.",
    ),
)

_LINT = (
    Rule(
        "RG401",
        "front-matter-missing",
        Severity.ERROR,
        "A model card has no YAML front matter, so the Hub shows no licence for it",
        "The Hub reads `license`, `base_model` and the rest only from a `---` block at the top of "
        "README.md. Without it the model has no declared licence and no lineage, whatever the text says.",
        "A README.md that starts with `# My model`: RG401 at line 1.",
        "Add a front matter block at the top: `---`, `license: apache-2.0`, `base_model: org/name`, `---`.",
    ),
    Rule(
        "RG402",
        "front-matter-invalid",
        Severity.ERROR,
        "A card's front matter is not valid YAML, is never closed, or is refused as unsafe",
        "The Hub rejects or ignores metadata it cannot parse, so the card silently loses its licence. "
        "Front matter with an alias bomb or absurd nesting is refused rather than expanded.",
        "`license: [apache-2.0` (an unclosed list): RG402 with the line and column of the error.",
        "Fix the YAML at the line given; quote values that contain `: ` or start with `*`, `&` or `[`.",
    ),
    Rule(
        "RG403",
        "front-matter-not-mapping",
        Severity.ERROR,
        "A card's front matter is YAML but not a mapping of keys to values",
        "Metadata keys (`license`, `base_model`) only exist in a mapping; a list or a bare string declares nothing.",
        "Front matter consisting of `- license: mit` (a list): RG403.",
        "Write the metadata as `key: value` lines without a leading `- `.",
    ),
    Rule(
        "RG404",
        "licence-missing",
        Severity.ERROR,
        "A card declares no licence",
        "A model without a declared licence may not be used by anyone (all rights reserved by "
        "default), and a derivative cannot be checked against what it inherits.",
        "Front matter with `base_model: meta-llama/Llama-3.1-8B` and no `license`: RG404.",
        "Add `license:` with a Hub licence id (`license: llama3.1`), or `license: other` with "
        "`license_name` and `license_link`.",
    ),
    Rule(
        "RG405",
        "licence-not-hub-id",
        Severity.ERROR,
        "A card's `license` is not one of the Hub's licence identifiers",
        "The Hub only recognises its own lower-case ids; anything else (`Apache-2.0`, `llama-2`, "
        "`MIT License`) is rejected or shown as an unknown licence, and tools that filter by licence "
        "miss the model.",
        "`license: Apache-2.0`: RG405 suggesting `apache-2.0`; `license: deepseek` (a licence with no "
        "Hub id): RG405 suggesting `license: other` with `license_name: deepseek-license`.",
        "Use the suggested Hub id (`railguard lint --fix` corrects case and separators), or `license: "
        "other` with `license_name` and `license_link` for a licence the Hub does not list.",
    ),
    Rule(
        "RG406",
        "other-licence-unnamed",
        Severity.ERROR,
        "A card declares `license: other` without a `license_name`",
        "`other` says only that the licence is not on the Hub's list. Without a name neither people "
        "nor tools can tell which terms apply or what a derivative inherits.",
        "`license: other` and `license_link: LICENSE` only: RG406.",
        "Add `license_name:` with a short id for the licence (`license_name: qwen`); railguard "
        "recognises catalogue ids and aliases there.",
    ),
    Rule(
        "RG407",
        "other-licence-unlinked",
        Severity.WARNING,
        "A card declares `license: other` without a `license_link` to the licence text",
        "The Hub links a listed licence for the reader; for `other` the card must do it itself, or "
        "users never see the terms they are bound by.",
        "`license: other` and `license_name: qwen` only: RG407 (with `--fix`, the catalogue's link is added).",
        "Add `license_link:` pointing at the licence file in the repository (`LICENSE`) or at its published URL.",
    ),
    Rule(
        "RG408",
        "licence-link-broken",
        Severity.ERROR,
        "A card's `license_link` names a file that is not in the repository",
        "A relative `license_link` is resolved against the repository; a missing file leaves the "
        "model with a licence nobody can read.",
        "`license_link: LICENSE.md` in a repository that has only `LICENSE`: RG408.",
        "Add the licence file, or correct the link.",
    ),
    Rule(
        "RG409",
        "invalid-base-model-relation",
        Severity.ERROR,
        "A card's `base_model_relation` is not one of `adapter`, `merge`, `quantized`, `finetune`",
        "The Hub accepts only those four relations; any other value is rejected, and lineage tools "
        "cannot tell how the model derives from its base.",
        "`base_model_relation: fine-tune`: RG409 suggesting `finetune`.",
        "Use one of the four values, or remove the key and let the Hub infer it.",
    ),
    Rule(
        "RG410",
        "invalid-base-model-id",
        Severity.ERROR,
        "A card's `base_model` is not a plausible Hub model id",
        "`base_model` must name Hub repositories (`org/name`); a URL, a local path or a free-text "
        "description breaks the Hub's model tree and every licence check along the lineage.",
        "`base_model: https://huggingface.co/meta-llama/Llama-3.1-8B`: RG410 suggesting `meta-llama/Llama-3.1-8B`.",
        "Write the base model as `org/name` (a list of them for a merge).",
    ),
    Rule(
        "RG411",
        "use-terms-not-passed-on",
        Severity.WARNING,
        "A model under a flow-down or vendor licence has no licence section or link that gives users the use terms",
        "RAIL and Hippocratic licences require the use restrictions to be passed on to every "
        "recipient, and vendor licences (Llama, Gemma) bind users to an acceptable-use policy. A card "
        "with neither a licence section nor a link to the licence or policy leaves users unaware of "
        "terms they are bound by.",
        "A Stable Diffusion fine-tune with `license: creativeml-openrail-m` and a body without any "
        "licence section or link: RG411 citing the licence's flow-down clause.",
        "Add a `## License` section that names the licence and links its text and, for vendor "
        "licences, the acceptable-use policy; or set `license_link`.",
    ),
    Rule(
        "RG412",
        "vendor-name-prefix",
        Severity.WARNING,
        "A derivative of a model whose licence prescribes a name prefix (Llama 3.x) is not named with it",
        "Llama 3 and later require any model created, trained or fine-tuned with Llama materials to "
        "carry `Llama` (Llama 3: `Llama 3`) at the beginning of its name; the card's model name shows "
        "whether that was done.",
        "A fine-tune of `meta-llama/Llama-3.1-8B` published as `acme/chat-8b`: RG412 citing 1.b.i.",
        "Rename the model so that its name starts with the prefix (`acme/Llama-3.1-chat-8b`).",
    ),
    Rule(
        "RG413",
        "vendor-notice-missing",
        Severity.WARNING,
        "A derivative lacks a notice its inherited licence requires (`Built with Llama`, Gemma's Notice)",
        "Llama 3.x requires `Built with Llama` to be shown prominently with derivatives, and Gemma "
        "and Llama require a Notice text with every copy; the model card (or a NOTICE file beside "
        "it) is where users look.",
        "A Llama 3.1 fine-tune whose card never says `Built with Llama`: RG413 citing 1.b.i.",
        "Add the notice to the card (or the Notice text to a `NOTICE` file in the repository).",
    ),
    Rule(
        "RG414",
        "open-source-claim",
        Severity.WARNING,
        "A card calls a model open source while its licence restricts how it may be used",
        "The Open Source Definition forbids discrimination against fields of endeavour; RAIL, "
        "vendor and non-commercial licences do exactly that. Calling such a model open source "
        "misleads users about what they may do with it.",
        "`This open-source model ...` in a card with `license: llama3.1`: RG414 at that line.",
        "Say `open-weight` or `openly available under <licence>` instead.",
    ),
    Rule(
        "RG415",
        "licence-section-contradicts",
        Severity.ERROR,
        "A card's licence section names a different licence than its front matter",
        "Readers follow the prose, tools follow the metadata; when they disagree nobody knows which "
        "terms apply, and the Hub shows the one the text denies.",
        "Front matter `license: llama2` and a `## License` section saying the model is MIT licensed: "
        "RG415 at the section, naming both.",
        "Make the two agree: correct the metadata or the section.",
    ),
    Rule(
        "RG416",
        "base-model-undeclared",
        Severity.WARNING,
        "A card's prose says the model is built on a model family whose licence passes terms down, "
        "and the front matter declares no `base_model`",
        "Every check of inherited terms starts from `base_model`; a card that names its base only in prose "
        "escapes them all, and the Hub shows no lineage. This is how a Llama 2 fine-tune ends up under a "
        "licence that drops Llama 2's use restrictions without any tool noticing. The family is read from "
        "the prose, so this is a warning, not a verdict.",
        "No `base_model`, `license: cc-by-nc-nd-4.0`, and the body says `This was trained on Llama-2 by Meta`: "
        "RG416 at that line, adding that the declared licence would conflict with `llama2` (RG301, RG302).",
        "Declare the exact model it was built from (`base_model: meta-llama/Llama-2-13b-hf`) and "
        "`base_model_relation`, then fix what the lineage check reports; if the card only mentions the "
        "family, suppress it with `<!-- railguard: ignore RG416 -->`.",
    ),
)

_AUDIT = (
    Rule(
        "RG501",
        "licence-text-missing",
        Severity.ERROR,
        "A repository declares a licence that must travel with every copy, and no file in it holds the licence text",
        "MIT, BSD, Apache-2.0, the RAIL licences, the GPL and most vendor agreements make a copy of the licence a "
        "condition of redistribution. A `license:` line in a model card is a label, not the licence: a repository "
        "without the text hands its users a work whose terms they cannot read, and every download redistributes "
        "it in breach of the condition.",
        "A repository whose card says `license: mit` and which holds only `README.md` and the weights: RG501 at "
        "the card's `license` line, citing the MIT licence's second paragraph.",
        "Add the licence text as `LICENSE` (`railguard audit --fix` writes it from an installed copy of the SPDX "
        "texts, or a stub naming the licence and its URL to replace with the text).",
    ),
    Rule(
        "RG502",
        "licence-file-mismatch",
        Severity.ERROR,
        "A licence file in the repository reads as another licence than the one the card declares",
        "The licence file is what a court reads; the card's metadata is what tools and the Hub show. When the "
        "`LICENSE` is the Llama 2 agreement and the card says `apache-2.0`, users who trust the card break the "
        "agreement without knowing it.",
        "A card with `license: apache-2.0` and a `LICENSE` that is the Llama 2 Community License: RG502 naming "
        "both licences and what identified the file (its wording is the published Llama 2 text; or its title, "
        "or it is the licence's use policy).",
        "Make the two agree: declare the licence the file holds (`license: llama2`), or replace the file with "
        "the text of the declared licence.",
    ),
    Rule(
        "RG503",
        "licence-file-variant",
        Severity.WARNING,
        "A licence file is a modified copy of the declared licence: restrictions added, dropped or reworded",
        "A repository that ships an edited RAIL or vendor licence under the original's name binds its users "
        "to terms nobody expects; the card and the tools that read it report the original terms.",
        "A card with `license: creativeml-openrail-m` and a `LICENSE` whose Attachment A lacks the "
        "medical-advice item: RG503 with the reader's evidence against the published wording, naming "
        "`medical-advice` as dropped and citing Attachment A's item. An unmodified published text never gets "
        "RG503, even where the catalogue reads more into it than the reader does.",
        "Restore the published text, or declare the file as its own licence (`license: other` with a "
        "`license_name` of your own and `license_link: LICENSE`).",
    ),
    Rule(
        "RG504",
        "copyright-notice-missing",
        Severity.WARNING,
        "The declared licence asks for copyright notices to be kept, and the repository shows none",
        "MIT, BSD, ISC, Apache-2.0 and most open licences make keeping the copyright notice a condition, and "
        "their texts are templates (`Copyright (c) <year> <copyright holders>`) to fill in. A repository with "
        "no notice at all, or with the template's placeholders, gives downstream users no notice to keep "
        "and leaves open who licenses the work.",
        "A card with `license: mit` and a `LICENSE` whose copyright line still reads `Copyright (c) <year> "
        "<copyright holders>`: RG504 at that line.",
        "Put a copyright line naming the year and the holder in the licence file (or a `NOTICE` file).",
    ),
    Rule(
        "RG505",
        "upstream-notice-missing",
        Severity.WARNING,
        "A notice that an ancestor's licence requires derivatives to carry is not in the repository",
        "Llama and Gemma require their Notice text in a file shipped with every copy, Llama 3.x and Qwen a "
        "`Built with ...` line, and Apache-2.0 (4(d)) that the attribution notices of an upstream `NOTICE` file "
        "be carried into the derivative's. A repository without them breaches the upstream licence, however "
        "its card is labelled.",
        "A fine-tune of `meta-llama/Llama-2-7b-hf` whose repository has no `NOTICE` file and whose card does "
        "not quote the Llama 2 notice: RG505 citing section 1.b.ii.",
        "Add the notice lines to a `NOTICE` file (`railguard audit --fix` appends the missing ones), and show "
        "`Built with ...` lines in the card too.",
    ),
    Rule(
        "RG506",
        "upstream-licence-missing",
        Severity.ERROR,
        "An ancestor's licence must travel with derivatives, and the repository does not ship it",
        "Vendor agreements (Llama: provide a copy of the agreement), the RAIL licences and Apache-2.0 (4(a)) "
        "require a copy of the upstream licence with every derivative, whatever licence the derivative itself "
        "declares. The lineage engine says which licences still bind the model; this finds the ones whose text "
        "is not in the repository.",
        "A fine-tune of `meta-llama/Llama-3.1-8B-Instruct` declared `apache-2.0` that ships only the Apache "
        "text: RG506 naming `llama3.1` and clause 1.b.i.",
        "Add the upstream licence as its own file (`LICENSE-llama3.1`, or the name the upstream uses) beside "
        "your own licence.",
    ),
    Rule(
        "RG507",
        "upstream-restrictions-missing",
        Severity.ERROR,
        "An ancestor's licence requires its use restrictions to be passed "
        "on, and the repository's licence files do not carry them",
        "RAIL and Hippocratic licences, and vendor agreements with a flow-down clause, require every derivative "
        "to impose their use restrictions (Attachment A and its kin) as enforceable terms. A licence file that "
        "lacks them gives users of the derivative terms that do not bind them to the restrictions.",
        "A Stable Diffusion fine-tune that ships a licence file without Attachment A's items: RG507 listing "
        "the restriction categories missing and the clauses behind them.",
        "Ship the upstream licence (or a licence that includes all of its use restrictions and the duty to "
        "pass them on) in the repository.",
    ),
    Rule(
        "RG508",
        "dataset-non-commercial",
        Severity.WARNING,
        "A dataset the card names is under a non-commercial or "
        "research-only licence, and the model is licensed for commercial use",
        "Whether a model trained on data is an adaptation of that data, and so bound by the data's "
        "non-commercial term, is unsettled law: courts have not decided it, and licensors read it both ways. "
        "railguard reports it as a risk to weigh, never as a settled conflict.",
        "`datasets: [tatsu-lab/alpaca]` (`cc-by-nc-4.0`) on a card with `license: apache-2.0`: RG508 citing "
        "clause 2(a)(1) of CC BY-NC 4.0.",
        "Weigh the risk, ask the dataset's licensor, or remove the data from training; say in the card which "
        "datasets constrain use.",
    ),
    Rule(
        "RG509",
        "dataset-share-alike",
        Severity.WARNING,
        "A dataset the card names is under a share-alike licence, and the model declares another licence",
        "CC BY-SA, ODbL and CDLA-Sharing require adaptations of the data to stay under their terms. Whether a "
        "model trained on the data is such an adaptation is unsettled law, so railguard warns rather than "
        "reporting a conflict.",
        "`datasets: [wikimedia/wikipedia]` (`cc-by-sa-3.0`) on a card with `license: mit`: RG509 citing "
        "section 4(b) of CC BY-SA 3.0.",
        "Weigh the risk; consider releasing the model under the dataset's licence, or document why the model "
        "is not an adaptation of the data.",
    ),
    Rule(
        "RG510",
        "dataset-use-restrictions",
        Severity.WARNING,
        "A dataset the card names carries use restrictions that pass to "
        "what is made from it, and the model's licence lacks them",
        "RAIL-D licences and the Computational Use of Data Agreement attach use restrictions to the data and "
        "to what is derived from it. Whether a trained model is derived in that sense is unsettled; a "
        "model licence without the restrictions may not honour the data's terms.",
        "`datasets: [some-org/openrail-data]` (`openrail`) on a card with `license: mit`: RG510 listing the "
        "restriction categories and clauses.",
        "Carry the dataset licence's use restrictions in the model's licence, or get advice on their reach.",
    ),
    Rule(
        "RG511",
        "dataset-licence-unknown",
        Severity.WARNING,
        "A dataset the card names is not in the table of well-known datasets, so its licence is unknown",
        "Training data passes terms on as base models do; a dataset whose licence railguard cannot find is an "
        "ancestor it cannot check, and saying nothing would read as a pass.",
        "`datasets: [someone/private-data]`: RG511 naming the dataset.",
        "Run with `--hub` to look the dataset up on the Hugging Face Hub, or check its licence by hand and "
        "suppress the finding.",
    ),
    Rule(
        "RG512",
        "dataset-credit-missing",
        Severity.INFO,
        "A dataset the card names asks for credit, and the repository names it only in metadata",
        "CC BY and ODC-By ask everyone who shares the data, or works produced from it, to credit the source and "
        "its licence. Whether a model's weights must do so is unsettled; the study of the Hub's supply chain "
        "found few models that pass their datasets' notices on.",
        "`datasets: [allenai/c4]` (`odc-by`) on a card whose text never mentions C4: RG512 citing section 4.3 "
        "of ODC-By.",
        "Credit the dataset and its licence in the card's text or a `NOTICE` file.",
    ),
    Rule(
        "RG513",
        "code-licence-text-missing",
        Severity.WARNING,
        "Code in the repository declares a licence in its header whose text the repository does not ship",
        "Model repositories often ship modelling code copied from other projects with its licence header "
        "(`Licensed under the Apache License, Version 2.0`). That code stays under its licence, and the licence "
        "asks for its text to be given with every copy.",
        "`modeling_acme.py` with an Apache-2.0 header in a repository whose only licence file is the Llama 3.1 "
        "agreement: RG513 at the header's line.",
        "Add the code's licence as its own file (`LICENSE-CODE`).",
    ),
    Rule(
        "RG514",
        "licence-file-unrecognised",
        Severity.WARNING,
        "A licence file could not be read or identified, so it cannot be checked against the card",
        "A PDF, an image, a file in a language railguard does not read or a licence it does not know may be "
        "the right licence or not; railguard says so rather than passing it.",
        "A `LICENSE.pdf`: RG514 saying that the file is binary; a `LICENSE` that only shares part of "
        "Apache-2.0's wording (a licence derived from it, with terms of its own) under a card declaring "
        "`apache-2.0`: RG514 naming Apache-2.0 as a relative, not the file's licence.",
        "Ship the licence as text (`LICENSE` or `LICENSE.md`) beside any PDF, or check the file by hand and "
        "suppress the finding.",
    ),
    Rule(
        "RG515",
        "declared-licence-unknown",
        Severity.WARNING,
        "The repository's card declares no licence railguard knows, so its files cannot be checked against one",
        "The audit compares the licence files with what the card declares and with what the ancestors require; "
        "without a card, or with a licence not in the catalogue, that comparison cannot be made.",
        "A repository without `README.md`, or whose card says `license: my-licence`: RG515 naming why.",
        "Add a model card with a `license:` the catalogue knows (`railguard licences`), or `license: other` "
        "with a `license_name` it recognises.",
    ),
    Rule(
        "RG516",
        "licence-file-unverified",
        Severity.WARNING,
        "A licence file names itself as the declared licence, but its wording is not that licence's published text",
        "railguard holds the published wording of many licences (as fingerprints). A file titled as one of them "
        "whose wording matches it only in part is another version of the licence (older terms, another "
        'model\'s release) or an edited copy (a "modified MIT" with an added clause); either way its terms '
        "are not the ones the card's licence id stands for, and users, the Hub and railguard read the "
        "declared id. Which it is cannot be told from the text, so this is a warning to check, not a verdict.",
        "A card with `license: mit` and a `LICENSE` titled `Modified MIT License` that adds a display duty: "
        "RG516 naming `mit` and how far the wording matches.",
        "Ship the published text of the declared licence; if the file is the version or variant that "
        "applies, declare it as its own licence (`license: other`, a `license_name`, `license_link` to the "
        "file) or check its terms by hand and suppress the finding.",
    ),
    Rule(
        "RG517",
        "dataset-no-derivatives",
        Severity.WARNING,
        "A dataset the card names is under a no-derivatives licence, and the model trained on it is shared",
        "CC BY-ND and CC BY-NC-ND let anyone share the material unchanged, but adapted material may be made "
        "for private use only and never shared. Whether a model trained on the data is adapted material of it "
        "is unsettled law; if it is, publishing the model is what the licence forbids, whatever licence the "
        "model declares. railguard reports it as a risk to weigh, never as a settled conflict.",
        "`datasets: [samsum]` (`cc-by-nc-nd-4.0`) on any model card: RG517 citing clause 2(a)(1)(B) of "
        "CC BY-NC-ND 4.0.",
        "Weigh the risk or ask the dataset's licensor for permission; keep the model private, or train without "
        "the data; say in the card which datasets constrain sharing.",
    ),
)

#: Licence expressions and SPDX / CycloneDX documents (RG350-RG369).
_EXPRESSIONS = (
    Rule(
        "RG350",
        "licence-choice",
        Severity.INFO,
        "A licence expression offers a choice (`OR`, `-or-later`), and the verdict holds only for some of its choices",
        "`A OR B` lets the licensee pick. An upstream offered under a choice is compatible when one "
        "choice is; a derivative offered under a choice can be used only under the choices that can "
        "take the upstream's terms. Which choice makes the edge work is part of the answer, and "
        "belongs in the derivative's licence notice.",
        "`railguard compat apache-2.0 GPL-2.0-or-later`: compatible, RG350 saying the derivative is "
        "usable under `gpl-3.0`, since `gpl-2.0` cannot take Apache-2.0's patent term (RG317); "
        "`railguard compat 'GPL-2.0-only OR Apache-2.0' mit`: RG350, take `apache-2.0`.",
        "Record the choice: state in the derivative's licence notice which licence it is under, or "
        "declare only the choices that work.",
    ),
    Rule(
        "RG351",
        "unknown-licence-exception",
        Severity.WARNING,
        "A `WITH` exception in a licence expression is not one railguard knows, so the licence is read without it",
        "An exception adds permissions to a licence (linking, runtime libraries, generated output). "
        "railguard reads only the exceptions in `licences/_exceptions.yaml`; without knowing what an "
        "exception permits it reads the licence alone, which may report conflicts the exception "
        "resolves.",
        "`license: other`, `license_name: GPL-3.0-only WITH My-exception`: RG351 naming `My-exception`.",
        "Check the exception's terms; use its SPDX id if it has one, or propose it for the exceptions list.",
    ),
    Rule(
        "RG352",
        "exception-not-applicable",
        Severity.WARNING,
        "A known `WITH` exception is attached to a licence it is not written for, and is not applied",
        "An exception's permission is phrased against one licence's terms (the Classpath exception "
        "against the GPL). Attached to another licence it has nothing to lift, and the expression is "
        "probably a mistake.",
        "`MIT WITH Classpath-exception-2.0`: RG352, read as `mit`.",
        "Attach the exception to the licence it belongs to, or drop it.",
    ),
    Rule(
        "RG353",
        "exception-condition",
        Severity.WARNING,
        "A `WITH` exception changes the verdict, but only on a condition the derivative must meet",
        "Some exceptions lift a duty for derivatives only in a given situation: the LLVM exception "
        "lets Apache-2.0's patent and indemnity sections be set aside for a combination with GPL-2.0 "
        "software, should they be found to conflict with it. railguard applies the exception and says "
        "on what condition, since it cannot tell whether the derivative meets it.",
        "`railguard compat 'Apache-2.0 WITH LLVM-exception' GPL-2.0-only`: compatible, RG353 naming the "
        "condition (without the exception it is RG317).",
        "Confirm the derivative meets the condition; if it does not, check it against the licence "
        "without the exception.",
    ),
    Rule(
        "RG354",
        "invalid-licence-expression",
        Severity.WARNING,
        "A licence written with SPDX operators (`AND`, `OR`, `WITH`, parentheses) cannot be parsed as an expression",
        "A malformed expression (`MIT OR`, an unclosed parenthesis) says nothing reliable about the "
        "terms: railguard treats the whole text as one unknown licence (RG308) rather than guess "
        "which part was meant.",
        "A manifest record with `license: MIT OR (Apache-2.0`: RG354 at its line.",
        "Write a valid SPDX expression: operators in capitals between licence ids, parentheses balanced.",
    ),
    Rule(
        "RG355",
        "exception-for-linking-works",
        Severity.INFO,
        "A `WITH` exception frees only works that link with or use the licensed work, not derivatives of it",
        "The Classpath exception, the GCC runtime library exceptions, the Linux syscall note and their "
        "kind let other works link with, be compiled against or call the licensed work on their own "
        "terms. A fine-tune, merge or modified copy is a derivative of the work itself, which stays "
        "under the licence in full; railguard checks it so, and says what the exception would allow.",
        "`railguard compat 'GPL-2.0-only WITH Classpath-exception-2.0' mit`: NOT compatible (RG302), "
        "and RG355 saying that a work which only links with it as an independent module could use `mit`.",
        "Nothing to fix for a derivative. A work that only links with the licensed one is not its "
        "derivative: check it against its own licences.",
    ),
    Rule(
        "RG360",
        "bom-element-not-mapped",
        Severity.WARNING,
        "An element of an SPDX or CycloneDX document cannot be mapped onto the lineage model and is not checked",
        "A bill of materials holds more than models and their derivations: files, datasets, "
        "libraries, services, dependencies of other kinds, references to other documents. `lineage` "
        "checks models, their licences and what they were derived from; every element it does not "
        "read is named, so that nothing in the document is dropped silently.",
        "A CycloneDX BOM with a `data` component `acme/corpus` used to train a model: RG360 naming it "
        "(training-data licences are not checked by `lineage`).",
        "Check the named elements another way; give railguard the documents an external reference "
        "points to; describe models as packages (SPDX) or machine-learning-model components (CycloneDX).",
    ),
)

#: Every rule by code, sorted by code.
RULES: dict[str, Rule] = {
    r.code: r
    for r in sorted(
        _TOOL + _RULES + _LINEAGE + _INBOUND + _LINEAGE_METADATA + _LINT + _EXPRESSIONS + _AUDIT, key=lambda r: r.code
    )
}


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
