"""Shared document assembler for the heldout2 generators (stdlib only).

A template is a string with {key} placeholders. A key is resolved once per document
through a generator chosen by the key with trailing digits stripped ("name2" -> "name"),
so the same key repeats the same value inside one document. A generator returns a list
of (text, type) segments; type None means plain text (titles, labels) outside any span.
"""

import json
import re

PH = re.compile(r"\{([a-z_]+[0-9]*)\}")


class Doc:
    def __init__(self, gens, rng):
        self.gens = gens
        self.rng = rng
        self.cache = {}
        self.parts = []  # (text, type)

    def value(self, key):
        if key not in self.cache:
            base = key.rstrip("0123456789")
            segs = self.gens[base](self.rng)
            if isinstance(segs, tuple):
                segs = [segs]
            self.cache[key] = segs
        return self.cache[key]

    def add(self, tpl):
        pos = 0
        for m in PH.finditer(tpl):
            if m.start() > pos:
                self.parts.append((tpl[pos : m.start()], None))
            self.parts.extend(self.value(m.group(1)))
            pos = m.end()
        if pos < len(tpl):
            self.parts.append((tpl[pos:], None))

    def raw(self, text):
        self.parts.append((text, None))

    def finish(self, shape, lang):
        text = []
        spans = []
        values = []
        n = 0
        for seg, typ in self.parts:
            if typ is not None:
                spans.append({"start": n, "end": n + len(seg), "type": typ})
                values.append(seg)
            text.append(seg)
            n += len(seg)
        return {"text": "".join(text), "spans": spans, "shape": shape, "lang": lang}, values


def write_jsonl(path, docs):
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")


# ---- checksums (used by the generators to construct values) ----
def luhn_complete(rng, prefix, length):
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def group(s, sizes, sep):
    out, i = [], 0
    for k in sizes:
        if i >= len(s):
            break
        out.append(s[i : i + k])
        i += k
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)
