"""The documentation of the RG5xx codes: the model-repository audit.

The comment above a rule names the modules that emit its code. :mod:`railguard.rules.registry` collects them.
"""

from __future__ import annotations

from railguard.model.finding import Rule, Severity

RULES: tuple[Rule, ...] = (
    # RG501: audit/checks.py, audit/fix.py
    Rule(
        "RG501",
        "licence-text-missing",
        Severity.ERROR,
        "A repository declares a licence that must travel with every copy, and no file in it holds the licence text",
        "MIT, BSD, Apache-2.0, the RAIL licences, the GPL and most vendor agreements make a copy of the licence a "
        "condition of redistribution. A `license:` line in a model card is a label, not the licence: a repository "
        "without the text hands its users a work whose terms they cannot read, and every download redistributes "
        "it in breach of the condition. Some licences accept a link in place of the text (Creative Commons 4.0 "
        '3(a)(1)(C): "the text of, or the URI or hyperlink to"); for those, recorded as the `link` of the '
        "catalogue's `licence-copy` duty, a link to the licence in the card, its `license_link` or a NOTICE "
        "file meets the duty.",
        "A repository whose card says `license: mit` and which holds only `README.md` and the weights: RG501 at "
        "the card's `license` line, citing the MIT licence's second paragraph.",
        "Add the licence text as `LICENSE` (`railguard audit --fix` writes it from an installed copy of the SPDX "
        "texts, or a stub naming the licence and its URL to replace with the text).",
    ),
    # RG502: audit/checks.py
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
    # RG503: audit/checks.py
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
    # RG504: audit/checks.py
    Rule(
        "RG504",
        "copyright-notice-missing",
        Severity.WARNING,
        "The declared licence asks for copyright notices to be kept, and the repository shows none",
        "MIT, BSD, ISC, Apache-2.0 and most open licences make keeping the copyright notice a condition, and "
        "their texts are templates (`Copyright (c) <year> <copyright holders>`) to fill in. A repository with "
        "no notice at all, or with the template's placeholders, gives downstream users no notice to keep "
        "and leaves open who licenses the work. Copyright lines that belong to the licence document itself "
        "(the Free Software Foundation's on the GPL, the example in the Apache licence's appendix) are not "
        "the repository's notice.",
        "A card with `license: mit` and a `LICENSE` whose copyright line still reads `Copyright (c) <year> "
        "<copyright holders>`: RG504 at that line.",
        "Put a copyright line naming the year and the holder in the licence file (or a `NOTICE` file).",
    ),
    # RG505: audit/checks.py, audit/fix.py, audit/runner.py
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
    # RG506: audit/checks.py, audit/fix.py, audit/runner.py
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
    # RG507: audit/checks.py, audit/runner.py
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
    # RG508: audit/datasets.py, audit/graph.py, audit/summary.py
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
    # RG509: audit/datasets.py, audit/summary.py
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
    # RG510: audit/datasets.py, audit/summary.py
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
    # RG511: audit/datasets.py, audit/graph.py, audit/hub.py, bom/cyclonedx.py, bom/spdx3.py
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
    # RG512: audit/datasets.py, audit/runner.py
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
    # RG513: audit/checks.py
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
    # RG514: audit/checks.py
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
    # RG515: audit/checks.py
    Rule(
        "RG515",
        "declared-licence-unknown",
        Severity.WARNING,
        "The repository's card declares no licence railguard knows, so its files cannot be checked against one",
        "The audit compares the licence files with what the card declares and with what the ancestors require; "
        "without a card, or with a licence not in the catalogue, that comparison cannot be made.",
        "A repository without `README.md`, or whose card says `license: my-licence`, or `license: other` with "
        "no `license_name`: RG515 naming why (for `other`: which licence applies is not said).",
        "Add a model card with a `license:` the catalogue knows (`railguard licences`), or `license: other` "
        "with a `license_name` it recognises.",
    ),
    # RG516: audit/checks.py
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
    # RG517: audit/checks.py, audit/datasets.py, audit/graph.py, audit/summary.py
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
