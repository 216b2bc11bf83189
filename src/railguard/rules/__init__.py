"""Finding codes: every code railguard reports, with its name, severity and documentation."""

from railguard.rules.registry import RULES, Rule, finding, rule

__all__ = ["RULES", "Rule", "finding", "rule"]
