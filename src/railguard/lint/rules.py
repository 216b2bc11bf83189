"""The documentation of the codes `lint` reports: RG0xx (suppressions, `--fix`) and RG4xx (model cards).

Each rule sits here, beside the checks in :mod:`railguard.lint.checks` that report it; the comment above a
rule names the modules that emit its code. :mod:`railguard.rules.registry` collects them.
"""

from __future__ import annotations

from railguard.model.finding import Rule, Severity

RULES: tuple[Rule, ...] = (
    # RG001: audit/runner.py, lint/suppress.py
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
    # RG010: lint/fix.py
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
    # RG401: lint/checks/frontmatter.py, settings.py
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
    # RG402: lint/checks/frontmatter.py
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
    # RG403: lint/checks/frontmatter.py
    Rule(
        "RG403",
        "front-matter-not-mapping",
        Severity.ERROR,
        "A card's front matter is YAML but not a mapping of keys to values",
        "Metadata keys (`license`, `base_model`) only exist in a mapping; a list or a bare string declares nothing.",
        "Front matter consisting of `- license: mit` (a list): RG403.",
        "Write the metadata as `key: value` lines without a leading `- `.",
    ),
    # RG404: lint/checks/licence.py, lint/checks/lineage.py
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
    # RG405: lint/checks/licence.py, lint/checks/lineage.py, lint/fix.py, lint/suppress.py
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
    # RG406: lint/checks/licence.py, lint/fix.py
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
    # RG407: lint/checks/licence.py, lint/fix.py
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
    # RG408: lint/checks/licence.py
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
    # RG409: lint/checks/basemodel.py
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
    # RG410: lint/checks/basemodel.py, lineage/engine.py (look-alikes only), audit/checks.py (lint's, on the
    #   repository's card), model/hubid.py (the one rule)
    Rule(
        "RG410",
        "invalid-base-model-id",
        Severity.ERROR,
        "A card's `base_model` is not a plausible Hub model id (in `lint` and `audit`); in `lineage`, a base "
        "model that imitates one with look-alike letters of another script",
        "`base_model` must name Hub repositories (`org/name`); a URL, a local path or a free-text "
        "description breaks the Hub's model tree and every licence check along the lineage. An id spelt "
        "with a Cyrillic or Greek letter that looks Latin reads as the model it imitates but is no Hub id, "
        "so that model's licence is never checked: `lineage` reports it too, even when its input lists it, "
        "and `audit` reports it for the repository's card.",
        "`base_model: https://huggingface.co/meta-llama/Llama-3.1-8B`: RG410 suggesting `meta-llama/Llama-3.1-8B`; "
        "`base_model: m\u0435ta-llama/Llama-3.1-8B` (Cyrillic `\u0435`): RG410 naming the letter and the id it mimics.",
        "Write the base model as `org/name` in ASCII letters (a list of them for a merge).",
    ),
    # RG411: lint/checks/terms.py, settings.py
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
    # RG412: cli/lint.py, lint/checks/lineage.py, lint/checks/vendor.py, settings.py, lint/suppress.py
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
    # RG413: audit/checks.py, lineage/checks.py, lint/checks/lineage.py, lint/checks/vendor.py
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
    # RG414: lint/checks/vendor.py, settings.py
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
    # RG415: lint/checks/body.py
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
    # RG416: lint/checks/undeclared.py, lint/families.py
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
