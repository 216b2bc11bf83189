"""The documentation of the RG350-RG359 codes: licence expressions (`OR`, `AND`, `WITH`, `-or-later`).

:mod:`railguard.rules.registry` collects them.
"""

from __future__ import annotations

from railguard.model.finding import Rule, Severity

RULES: tuple[Rule, ...] = (
    # RG350: expression/edge.py, lineage/engine.py, lineage/permits.py
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
    # RG351: expression/parser.py
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
    # RG352: expression/parser.py
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
    # RG353: expression/parser.py
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
    # RG354: expression/parser.py
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
    # RG355: expression/exceptions.py, expression/parser.py
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
)
