#!/usr/bin/env python3
"""Questions the documents do not answer: how often does a retrieval agent still quote something?

Builds a knowledge folder from the XQuAD-en paragraphs at even positions of each article (0, 2, 4),
so every question about a paragraph at an odd position has no answer in the store while its
article's other paragraphs are there (on topic, but not the answer). One retrieval agent with the
`groundedness` and `relevance` checks serves them through `orchestrator serve`; every question is
asked once, with the agent forced, and the reply is classified:

  answerable (gold paragraph present): answered with the gold text / answered without it / withheld
  unanswerable (gold paragraph absent): answered anyway (a quote from another paragraph) / withheld,
    by the retrieval floor (specialist_failed) or by a failed guardian check (guardian_failed)

Usage (from the repository root, after `dotnet build src/Orchestrator.Cli -c Release`):
  python3 scripts/guardian/unanswerable-xquad.py src/Orchestrator.Cli/bin/Release/net10.0/orchestrator.dll \
      ../shared/datasets/xquad_en/xquad.en.shared.json OUT_DIR [--port 5191]
Prints one JSON summary, also per half of the articles (even index: where the relevance check's
thresholds were chosen; odd: held out); OUT_DIR keeps the folder, the server log and one JSON line per question.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

AGENT = """name: wiki
description: Answers questions from encyclopedia articles.
kind: retrieval
knowledge: wiki
examples:
  - "Who founded the city?"
  - "When was the treaty signed?"
  - "How many people live there?"
guardian: [ groundedness, relevance ]
"""

CONFIG = """models:
  embedder: { provider: embedded-minilm }
router: { mode: semantic, embedder: embedder }
store: { provider: sqlite, path: .orchestrator/store.db }
collections:
  wiki: { paths: [ kb ] }
agents: agents/
prompts: prompts/
"""


def build_folder(dataset, out):
    if os.path.exists(out):
        shutil.rmtree(out)
    for sub in ("kb", "agents", "prompts"):
        os.makedirs(os.path.join(out, sub))
    with open(os.path.join(out, "orchestrator.yaml"), "w", encoding="utf-8") as f:
        f.write(CONFIG)
    with open(os.path.join(out, "agents", "wiki.yaml"), "w", encoding="utf-8") as f:
        f.write(AGENT)
    questions = []
    with open(dataset, encoding="utf-8") as f:
        data = json.load(f)["data"]
    for ai, article in enumerate(data):
        for pi, paragraph in enumerate(article["paragraphs"]):
            present = pi % 2 == 0
            if present:
                path = os.path.join(out, "kb", f"{ai:02d}-{pi}.md")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(f"# {article['title'].replace('_', ' ')}\n\n{paragraph['context']}\n")
            for qa in paragraph["qas"]:
                questions.append({"question": qa["question"], "answerable": present, "article": ai,
                                  "gold": [a["text"] for a in qa["answers"]]})
    return questions


def wait_ready(port, server, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with code {server.returncode}; see its log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(2)
    sys.exit("the server did not become ready")


def ask(port, question):
    body = json.dumps({"model": "wiki", "messages": [{"role": "user", "content": question}]}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", body,
                                     {"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return json.load(r)


def outcome(q, reply):
    meta = reply["orchestrator"]
    reason = meta["escalation"]["reason"]
    if reason is not None:
        return f"withheld ({reason})"
    if not q["answerable"]:
        return "answered anyway"
    text = reply["choices"][0]["message"]["content"].lower()
    return "answered with gold" if any(g.lower() in text for g in q["gold"]) else "answered without gold"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli_dll")
    parser.add_argument("dataset")
    parser.add_argument("out_dir")
    parser.add_argument("--port", type=int, default=5191)
    args = parser.parse_args()
    out = os.path.abspath(args.out_dir)
    cli = os.path.abspath(args.cli_dll)
    questions = build_folder(args.dataset, out)
    with open(os.path.join(out, "serve.log"), "w", encoding="utf-8") as log:
        server = subprocess.Popen(["dotnet", cli, "serve", "--urls", f"http://127.0.0.1:{args.port}"],
                                  cwd=out, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_ready(args.port, server)
            counts = {True: collections.Counter(), False: collections.Counter()}
            # Thresholds of the relevance check were chosen on articles with an even index only
            # (branch abstain25); the odd ones are the held-out half.
            halves = {h: {True: collections.Counter(), False: collections.Counter()} for h in ("even", "odd")}
            with open(os.path.join(out, "replies.jsonl"), "w", encoding="utf-8") as replies:
                for q in questions:
                    reply = ask(args.port, q["question"])
                    result = outcome(q, reply)
                    counts[q["answerable"]][result] += 1
                    halves["even" if q["article"] % 2 == 0 else "odd"][q["answerable"]][result] += 1
                    checks = reply["orchestrator"]["guardian"]["checks"]
                    replies.write(json.dumps({**q, "outcome": result, "answer": reply["choices"][0]["message"]["content"],
                                              "checks": checks}) + "\n")
        finally:
            server.terminate()
            server.wait(timeout=30)
    summary = summarize(counts)
    summary["by_article_half"] = {h: summarize(c) for h, c in halves.items()}
    print(json.dumps(summary, indent=2))


def summarize(counts):
    unanswerable = sum(counts[False].values())
    answerable = sum(counts[True].values())
    return {
        "answerable": {"questions": answerable, **counts[True]},
        "unanswerable": {"questions": unanswerable, **counts[False]},
        "unanswerable_answered_anyway": round(counts[False]["answered anyway"] / max(unanswerable, 1), 4),
        "answerable_with_gold": round(counts[True]["answered with gold"] / max(answerable, 1), 4),
    }


if __name__ == "__main__":
    main()
