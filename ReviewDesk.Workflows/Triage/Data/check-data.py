#!/usr/bin/env python3
"""Validate the triage data files.

Checks training-tickets.jsonl:
  * every line is a JSON object with exactly the expected string fields
  * category / priority / sentiment / language labels are valid
  * no duplicates (normalised subject + body)
  * at least MIN_PER_CATEGORY tickets per category, MIN_TOTAL overall
  * no raw PII: e-mail addresses, digit runs that look like phone/card/account
    numbers (>= 9 digits, spaces/dashes/dots allowed between groups), IBAN-like
    strings, dotted IPv4 addresses; placeholders must use the known forms
    <EMAIL_ADDRESS_1>, <PHONE_NUMBER_1>, ... (index >= 1)
Checks demo-tickets.jsonl:
  * every line parses, has subject/body/customer{name,email}/channel/externalId
  * channel valid, externalId DEMO-0001.. unique, e-mails on example.com/.org/.net

Exit code 0 when everything passes, 1 otherwise. Prints counts per label.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRAINING = HERE / "training-tickets.jsonl"
DEMO = HERE / "demo-tickets.jsonl"

CATEGORIES = {"billing", "refund", "technical_issue", "account_access",
              "shipping", "feature_request", "security", "general_inquiry"}
PRIORITIES = {"P1", "P2", "P3", "P4"}
SENTIMENTS = {"negative", "neutral", "positive"}
LANGUAGES = {"en", "de", "fr", "es", "nl", "it", "pt", "sv", "da", "pl"}
PLACEHOLDER_KINDS = {"EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON", "CREDIT_CARD",
                     "IBAN_CODE", "STREET_ADDRESS", "IP_ADDRESS"}
FIELDS = ["subject", "body", "category", "priority", "sentiment", "language"]
MIN_PER_CATEGORY = 120
MIN_TOTAL = 1100
DEMO_COUNT = 32

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# ISO dates / times are allowed: strip them before looking for long digit runs.
DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}(?::\d{2})?\b")
DIGIT_RUN_RE = re.compile(r"\+?\(?\d[\d().\- ]*\d")
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4}\b")
IPV4_RE = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
PLACEHOLDER_RE = re.compile(r"<([A-Z_]+?)_(\d+)>")
ANGLE_UPPER_RE = re.compile(r"<[A-Z][A-Z_0-9]*>|<[A-Z_]+_\d+>")


def norm_key(subject, body):
    text = (subject + " " + body).lower()
    text = re.sub(r"[^\w<>]+", " ", text)
    return " ".join(text.split())


def pii_problems(text):
    problems = []
    for m in EMAIL_RE.finditer(text):
        problems.append(f"e-mail address {m.group()!r}")
    stripped = DATETIME_RE.sub(" ", text)
    for m in DIGIT_RUN_RE.finditer(stripped):
        # split on double spaces or sentence-like breaks: only single separators join groups
        for chunk in re.split(r"\s{2,}|[.\-]\s|\s[.\-]", m.group()):
            digits = re.sub(r"\D", "", chunk)
            if len(digits) >= 9:
                problems.append(f"long digit run {chunk.strip()!r}")
    for m in IBAN_RE.finditer(text):
        problems.append(f"IBAN-like string {m.group()!r}")
    for m in IPV4_RE.finditer(text):
        problems.append(f"IPv4 address {m.group()!r}")
    for m in PLACEHOLDER_RE.finditer(text):
        if m.group(1) not in PLACEHOLDER_KINDS or int(m.group(2)) < 1:
            problems.append(f"unknown placeholder {m.group()!r}")
    for m in ANGLE_UPPER_RE.finditer(text):
        inner = PLACEHOLDER_RE.fullmatch(m.group())
        if not inner:
            problems.append(f"malformed placeholder {m.group()!r}")
    return problems


def check_training(errors):
    rows = []
    seen = {}
    if not TRAINING.exists():
        errors.append(f"{TRAINING.name}: missing")
        return rows
    with TRAINING.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{TRAINING.name}:{n}"
            if not line.strip():
                errors.append(f"{where}: empty line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON ({e})")
                continue
            if not isinstance(obj, dict) or sorted(obj) != sorted(FIELDS):
                errors.append(f"{where}: expected exactly the fields {FIELDS}")
                continue
            if not all(isinstance(obj[k], str) and obj[k].strip() for k in FIELDS):
                errors.append(f"{where}: every field must be a non-empty string")
                continue
            if obj["category"] not in CATEGORIES:
                errors.append(f"{where}: bad category {obj['category']!r}")
            if obj["priority"] not in PRIORITIES:
                errors.append(f"{where}: bad priority {obj['priority']!r}")
            if obj["sentiment"] not in SENTIMENTS:
                errors.append(f"{where}: bad sentiment {obj['sentiment']!r}")
            if obj["language"] not in LANGUAGES:
                errors.append(f"{where}: bad language {obj['language']!r}")
            key = norm_key(obj["subject"], obj["body"])
            if key in seen:
                errors.append(f"{where}: duplicate of line {seen[key]}")
            seen[key] = n
            for p in pii_problems(obj["subject"] + "\n" + obj["body"]):
                errors.append(f"{where}: {p}")
            rows.append(obj)
    by_cat = Counter(r["category"] for r in rows)
    for c in sorted(CATEGORIES):
        if by_cat[c] < MIN_PER_CATEGORY:
            errors.append(f"category {c}: only {by_cat[c]} tickets (< {MIN_PER_CATEGORY})")
    if len(rows) < MIN_TOTAL:
        errors.append(f"only {len(rows)} training tickets (< {MIN_TOTAL})")
    return rows


def check_demo(errors):
    if not DEMO.exists():
        errors.append(f"{DEMO.name}: missing")
        return []
    rows, ids, keys = [], set(), set()
    with DEMO.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{DEMO.name}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON ({e})")
                continue
            expected = {"subject", "body", "customer", "channel", "externalId"}
            if not isinstance(obj, dict) or set(obj) != expected:
                errors.append(f"{where}: expected exactly the fields {sorted(expected)}")
                continue
            cust = obj["customer"]
            if not isinstance(cust, dict) or set(cust) != {"name", "email"} \
                    or not all(isinstance(v, str) and v for v in cust.values()):
                errors.append(f"{where}: customer must be {{name, email}}")
            elif not re.fullmatch(r"[\w.+-]+@example\.(com|org|net)", cust["email"]):
                errors.append(f"{where}: customer e-mail must be on example.com/.org/.net")
            if obj["channel"] not in {"email", "web", "chat", "api"}:
                errors.append(f"{where}: bad channel {obj['channel']!r}")
            if not re.fullmatch(r"DEMO-\d{4}", str(obj["externalId"])):
                errors.append(f"{where}: bad externalId {obj['externalId']!r}")
            if obj["externalId"] in ids:
                errors.append(f"{where}: duplicate externalId {obj['externalId']}")
            ids.add(obj["externalId"])
            k = norm_key(obj["subject"], obj["body"])
            if k in keys:
                errors.append(f"{where}: duplicate ticket")
            keys.add(k)
            for m in EMAIL_RE.finditer(obj["body"]):
                if not re.search(r"@example\.(com|org|net)$", m.group()):
                    errors.append(f"{where}: non-example e-mail {m.group()!r}")
            rows.append(obj)
    if len(rows) != DEMO_COUNT:
        errors.append(f"{DEMO.name}: {len(rows)} tickets, expected {DEMO_COUNT}")
    return rows


def main():
    errors = []
    rows = check_training(errors)
    demo = check_demo(errors)
    print(f"{TRAINING.name}: {len(rows)} tickets")
    for field in ("category", "priority", "sentiment", "language"):
        c = Counter(r[field] for r in rows)
        print(f"  {field}: " + ", ".join(f"{k}={v}" for k, v in sorted(c.items(), key=lambda kv: -kv[1])))
    print(f"{DEMO.name}: {len(demo)} tickets")
    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
