"""The documentation of the RG301-RG349 codes: lineage, compatibility and the card's declaration as lineage reads it.

The comment above a rule names the modules that emit its code. :mod:`railguard.rules.registry` collects them.
"""

from __future__ import annotations

from railguard.model.finding import Rule, Severity

RULES: tuple[Rule, ...] = (
    # RG301: audit/checks.py, expression/edge.py, lineage/checks.py, lineage/engine.py, lint/checks/lineage.py
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
    # RG302: expression/edge.py, lineage/checks.py, lint/checks/lineage.py
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
    # RG303: expression/edge.py, lineage/checks.py, lineage/engine.py, lint/checks/lineage.py
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
    # RG304: expression/edge.py, lineage/checks.py, lint/checks/lineage.py
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
    # RG305: audit/checks.py, expression/edge.py, lineage/checks.py, lineage/engine.py, lint/checks/lineage.py
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
    # RG306: lineage/checks.py, lint/checks/lineage.py
    Rule(
        "RG306",
        "derivative-duty",
        Severity.WARNING,
        "An inherited licence imposes a duty that a licence id cannot show: a name prefix, a notice, a scale "
        "limit, a duty of conduct",
        "Llama 3.x derivatives must be named with the `Llama` prefix and show `Built with Llama`; "
        "vendor licences require a separate licence above a user or revenue threshold. A duty that binds "
        "whoever uses the model (register before commercial use, disclose known dangers to end users) "
        "binds the users of its derivatives too, when the licence's terms reach them or may (unsettled). "
        "These live in names, pages, contracts and conduct, which a lineage manifest does not hold.",
        "A model built on `llama3.1` named `acme/chat-8b`: RG306 cites the naming duty of 1.b.i, and "
        "AUP 4 (disclose known dangers of the AI system to its end users).",
        "Check the duty is met (rename, add the notice, confirm the scale, register or disclose) and note it "
        "in the card.",
    ),
    # RG307: lineage/checks.py, lineage/engine.py, lint/checks/lineage.py
    Rule(
        "RG307",
        "upstream-notice",
        Severity.INFO,
        "An ancestor's licence requires a copy of it, or its notices, to go with the derivative",
        "Permissive licences put no limit on the derivative's licence but require keeping their "
        "copyright and licence notices: RG307 names each such parent. Licences that bind derivatives "
        "(RAIL, vendor agreements, Creative Commons) require the same as well as their use terms, of "
        "every model they govern: RG307 names the licence once per model, grandchildren and merges "
        "included. Duties RG306 already reports (a vendor's prescribed Notice line) are not repeated, "
        "and a licensor owes none to itself.",
        "A fine-tune of an `apache-2.0` model: RG307 reminds to keep the NOTICE and licence text. A "
        "`creativeml-openrail-m` Dreambooth of an `openrail++` model: RG307 cites 4(b) (a copy of the "
        "licence to every recipient) and 4(d) (keep the notices).",
        "Ship the upstream licence text and notices with the derivative.",
    ),
    # RG308: card/metadata.py, expression/parser.py, lineage/engine.py, lineage/hub.py, lineage/loaders.py,
    #   lint/checks/lineage.py
    Rule(
        "RG308",
        "unknown-licence",
        Severity.WARNING,
        "A model's licence is missing or not in the catalogue, so what it inherits cannot be checked",
        "Without a known licence railguard cannot say what the model passes down or whether it honours its ancestors.",
        "`license: my-custom-licence` on a model: RG308 with the closest catalogue ids.",
        "Use a catalogue id or alias (`railguard licences`), or point `licence_file` at the licence text.",
    ),
    # RG309: audit/checks.py, lineage/engine.py, lineage/hub.py, lint/checks/lineage.py, lint/graph.py
    Rule(
        "RG309",
        "unknown-base-model",
        Severity.WARNING,
        "A base model is neither in the input nor in the table of well-known models",
        "Its licence, and so everything the derivative inherits through it, is unknown.",
        "`base_model: someone/private-model` with no entry for it: RG309.",
        "Add the base model (with its licence) to the manifest.",
    ),
    # RG310: lineage/engine.py, lint/checks/lineage.py
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
    # RG311: audit/checks.py, lineage/engine.py, lint/checks/licence.py, lint/checks/lineage.py
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
    # RG312: audit/checks.py, expression/edge.py, lineage/checks.py, lineage/engine.py, lint/checks/lineage.py
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
    # RG313: lineage/loaders.py
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
    # RG314: lineage/permits.py
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
    # RG315: lineage/permits.py
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
    # RG316: lineage/permits.py
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
    # RG317: expression/edge.py, lineage/checks.py, lineage/engine.py
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
    # RG318: audit/hub.py, lineage/hub.py
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
    # RG319: lineage/engine.py
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
    # RG320: lineage/engine.py
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
    # RG321: audit/checks.py, card/metadata.py, lint/checks/licence.py
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
    # RG322: audit/checks.py, card/metadata.py, lint/checks/licence.py
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
    # RG329: card/metadata.py, lint/checks/licence.py (and the lineage and audit reading the card)
    Rule(
        "RG329",
        "licence-link-names-another-licence",
        Severity.WARNING,
        "`license_link` is exactly the catalogue's address of a licence the card does not declare",
        "The link is where readers go for the terms; when it is the published address of another licence "
        "(an `apache-2.0` card linking the Mistral Research Licence), the card says two things and one of "
        "them is wrong. It stays a warning and the declared licence is still the one read: the file behind "
        "an address can change (a repository's `LICENSE` re-pointed from a research licence to MIT), so only "
        "the card's authors can say which is true.",
        "`license: apache-2.0`, `license_name: m` and `license_link: https://mistral.ai/licenses/MRL-0.1.md` "
        "(the catalogue address of `mrl-0.1`): RG329 at `license_link`.",
        "Check which licence the linked text is now, then declare that one, or point `license_link` at the "
        "declared licence's text.",
    ),
    # RG323: lineage/loaders.py
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
    # RG325: lineage/engine.py
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
    # RG326: lineage/engine.py
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
    # RG327: card/metadata.py
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
    # RG328: lineage/checks.py
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
