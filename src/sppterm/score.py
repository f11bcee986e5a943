"""``sppterm score``: compare an edition or PO file with a reference (sacrebleu BLEU, chrF,
TER), per article and overall; and measure post-editing of the memory's suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sacrebleu
from markdown_it import MarkdownIt

from sppterm.bulletin.parse import split_front_matter
from sppterm.errors import InputError
from sppterm.ids import bulletin_file
from sppterm.placeholders import strip
from sppterm.textio import read_text
from sppterm.units.po import is_final, read_po

_MD = MarkdownIt("commonmark")


@dataclass
class Scores:
    label: str
    segments: int
    bleu: float
    chrf: float
    ter: float


def _metrics():
    return sacrebleu.BLEU(effective_order=True), sacrebleu.CHRF(), sacrebleu.TER()


def _score(label: str, hyps: list[str], refs: list[str], metrics: tuple) -> Scores:
    bleu, chrf, ter = metrics
    return Scores(
        label,
        len(hyps),
        bleu.corpus_score(hyps, [refs]).score,
        chrf.corpus_score(hyps, [refs]).score,
        ter.corpus_score(hyps, [refs]).score,
    )


def signatures(metrics: tuple) -> dict[str, str]:
    """sacrebleu's signature of each metric (after use: it records the number of references)."""
    bleu, chrf, ter = metrics
    return {
        "BLEU": str(bleu.get_signature()),
        "chrF": str(chrf.get_signature()),
        "TER": str(ter.get_signature()),
    }


def _md_articles(path: Path) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) per article (###) of an English edition in Markdown."""
    text = read_text(path)
    if text.startswith("---\n"):
        _, text, _ = split_front_matter(text, str(path))
    tokens = _MD.parse(text)
    articles: list[tuple[str, list[str]]] = []
    in_toc = False
    for k, tok in enumerate(tokens):
        if tok.type == "heading_open":
            title = tokens[k + 1].content
            in_toc = tok.tag == "h2" and title.strip().lower() == "contents"
            if tok.tag == "h3":
                articles.append((title, []))
        elif tok.type == "inline" and tokens[k - 1].type == "paragraph_open" and articles and not in_toc:
            articles[-1][1].append(tok.content.replace("**", "").replace("*", ""))
    return articles


def _po_articles(path: Path) -> dict[str, tuple[str, str]]:
    return {
        e.msgid: (strip(e.msgstr), e.occurrences[0][1] if e.occurrences else "")
        for e in read_po(path)
        if is_final(e)
    }


def compare(hyp: Path, ref: Path) -> tuple[list[Scores], dict[str, str]]:
    """Per-article scores and the overall score (last), and the metrics' signatures."""
    metrics = _metrics()
    if hyp.suffix != ref.suffix:
        raise InputError.at(
            str(hyp), None, "hypothesis and reference must both be .md editions or both .po files"
        )
    results: list[Scores] = []
    all_h: list[str] = []
    all_r: list[str] = []
    if hyp.suffix == ".po":
        h, r = _po_articles(hyp), _po_articles(ref)
        keys = [k for k in r if k in h]
        if not keys:
            raise InputError.at(str(ref), None, "no unit is translated in both files")
        all_h, all_r = [h[k][0] for k in keys], [r[k][0] for k in keys]
    elif hyp.suffix == ".md":
        ha, ra = _md_articles(hyp), _md_articles(ref)
        if len(ha) != len(ra):
            raise InputError.at(str(hyp), None, f"{len(ha)} articles, but the reference has {len(ra)}")
        for (title, hp), (rtitle, rp) in zip(ha, ra, strict=True):
            if len(hp) == len(rp):
                hs, rs = [title, *hp], [rtitle, *rp]
            else:  # paragraphs split differently: the article is one segment
                hs, rs = [" ".join([title, *hp])], [" ".join([rtitle, *rp])]
            results.append(_score(title, hs, rs, metrics))
            all_h += hs
            all_r += rs
    else:
        raise InputError.at(str(hyp), None, "score .md editions or .po files")
    results.append(_score("overall", all_h, all_r, metrics))
    return results, signatures(metrics)


@dataclass
class PostEdit:
    bulletin: str
    units: int
    unchanged: int
    ter: float
    signature: str = ""


def post_edit(po_file: Path) -> PostEdit:
    """How much translators changed the memory's fills and fuzzy suggestions (TER, suggestion → final)."""
    pairs = []
    for e in read_po(po_file):
        if not is_final(e):
            continue
        suggested = next(
            (line[len("suggested: ") :] for line in e.comment.splitlines() if line.startswith("suggested: ")),
            None,
        )
        if suggested is not None:
            pairs.append((strip(suggested), strip(e.msgstr)))
    if not pairs:
        return PostEdit(po_file.stem, 0, 0, 0.0)
    metric = sacrebleu.TER()
    ter = metric.corpus_score([s for s, _ in pairs], [[f for _, f in pairs]]).score
    return PostEdit(po_file.stem, len(pairs), sum(s == f for s, f in pairs), ter, str(metric.get_signature()))


ALL = ("all", "*")  # ``--post-edit all``; a bare ``--post-edit`` passes "*"


def post_edit_files(po_dir: Path, which: str) -> list[Path]:
    """The PO files ``score --post-edit`` reads: every one in ``po_dir`` for ``all``, else the
    bulletin ``which``'s (its id checked). Refused when there is none to read."""
    if which.strip().lower() in ALL:
        files = sorted(po_dir.glob("*.po"))
        if not files:
            raise InputError.at(str(po_dir), None, "no PO files to measure")
        return files
    f = bulletin_file(po_dir, which, ".po")
    if not f.is_file():
        raise InputError.at(str(f), None, "no such PO file")
    return [f]
