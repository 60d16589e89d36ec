"""Does every text of a printed table fit its cell? Read back from the PDF itself.

WeasyPrint never refuses a layout: a nowrap label runs over its neighbour, a number too wide
for its column is cut between two digits, a word is broken wherever the line ends. This
module finds both kinds of fault in any PDF whose tables are drawn with ruled cell borders
(the plan matrix, the quarterly report):

- a word that crosses a cell border (``JUMLAH``'s amount running into the AKUN column,
  ``B 10B 11`` month labels running together) or hangs out of the bottom of the table (a
  merged cell whose rows a page break cut short of its text);
- a number, an amount or a code (anything with a digit: ``1|0``, ``3358.EBC.|954.A``) or a
  word of a header label broken over two lines;
- any other word broken over two lines although its cell is wide enough for it
  (``Swakelol|a``). A word wider than its column may break, hyphenated or not: there is no
  other way to print it.

The texts are what the document prints in its cells; they tell a line break between two
words from one inside a word.
"""

import itertools
import re
from dataclasses import dataclass
from io import BytesIO

import pdfplumber

# What WeasyPrint puts at the end of a line when it hyphenates a word (``hyphenate-character``
# left at its default, so it differs from a hyphen the text prints).
SOFT_HYPHENS = "\u2010\u00ad"
# Tables are found from their ruled lines; a merged cell is one cell.
RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# A line may end after a slash or a hyphen the text prints (``Kabupaten/Kota``,
# ``Perundang-Undangan``), as Unicode line breaking allows.
BREAKS_AFTER = "/-"
# Points: glyph boxes and border lines may touch by rounding, not by more.
TOLERANCE = 0.5
# The cell padding of the matrix (``padding: 1pt 1.5pt``): a word fits if it fits inside it.
PADDING = 1.5
BORDER = 0.5


@dataclass
class Misfit:
    """One fault: ``text`` on ``page`` (1-based) and what is wrong with it."""

    page: int
    text: str
    problem: str

    def __str__(self):
        return f"page {self.page}: {self.text!r} {self.problem}"


def misfits(content, texts, labels=(), padding=PADDING):
    """The faults of the ruled tables in the PDF ``content``; ``texts`` are the texts the
    document prints in its cells, ``labels`` those of them (header labels) whose words must
    never break. Empty when everything fits."""
    source = _Source(texts, labels)
    found = []
    with pdfplumber.open(BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            page = page.filter(_not_rotated)
            words = page.extract_words(x_tolerance=1, y_tolerance=1)
            tables = page.find_tables(RULED)
            # Borders only: an underline or a rule outside the tables is no cell's edge.
            lines = [line for line in page.lines if any(_within(line, t.bbox) for t in tables)]
            found += [Misfit(number, *fault) for fault in _crossings(words, lines)]
            found += [Misfit(number, *fault) for fault in _hanging(words, tables)]
            for cell in (cell for table in tables for cell in table.cells):
                rows = _rows([word for word in words if _inside(word, cell)])
                found += [Misfit(number, *fault) for fault in _breaks(rows, cell, source, padding)]
    return found


def _not_rotated(obj):
    """Drops rotated characters: a watermark across the page is in no cell."""
    if obj["object_type"] != "char":
        return True
    a, b, c, d, _, _ = obj["matrix"]
    return abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0 and d > 0


def _crossings(words, lines):
    """(text, problem) of every word that a border line runs through."""
    for word in words:
        for line in lines:
            vertical = abs(line["x1"] - line["x0"]) < TOLERANCE
            if vertical:
                across = word["x0"] + TOLERANCE < line["x0"] < word["x1"] - TOLERANCE
                along = _overlap(word["top"], word["bottom"], line["top"], line["bottom"])
            else:
                across = word["top"] + TOLERANCE < line["top"] < word["bottom"] - TOLERANCE
                along = _overlap(word["x0"], word["x1"], line["x0"], line["x1"])
            if across and along > TOLERANCE:
                where = f"x={line['x0']:.1f}" if vertical else f"y={line['top']:.1f}"
                yield word["text"], f"crosses a cell border at {where}"
                break


def _hanging(words, tables):
    """(text, problem) of every word that runs out of the bottom of a table: the rest of a
    merged cell that a page break cut short of its text."""
    for word in words:
        for table in tables:
            left, _top, right, bottom = table.bbox
            inside = left < (word["x0"] + word["x1"]) / 2 < right
            height = word["bottom"] - word["top"]
            if inside and word["bottom"] > bottom + TOLERANCE and word["top"] < bottom + height:
                yield word["text"], f"hangs out of the table's bottom at y={bottom:.1f}"
                break


def _within(line, box):
    return (
        box[0] - TOLERANCE <= line["x0"]
        and line["x1"] <= box[2] + TOLERANCE
        and box[1] - TOLERANCE <= line["top"]
        and line["bottom"] <= box[3] + TOLERANCE
    )


def _inside(word, cell):
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return cell[0] < x < cell[2] and cell[1] < y < cell[3]


def _rows(words):
    """The words of one cell as lines of text, top to bottom and left to right."""
    rows = []
    for word in sorted(words, key=lambda word: (word["top"], word["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) < TOLERANCE * 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda word: word["x0"]) for row in rows]


def _breaks(rows, cell, source, padding):
    """(text, problem) of every line end in a cell that falls inside a word of the source
    texts: always a fault for a number, code or label word, for other words only when the
    word would fit the cell's width."""
    if len(rows) < 2:
        return
    # Border lines are drawn centred on the cell's edges: half of each is inside.
    width = cell[2] - cell[0] - 2 * padding - BORDER
    for above, below in itertools.pairwise(rows):
        head, tail = above[-1], below[0]
        if head["text"][-1] in BREAKS_AFTER:
            continue
        inside, label = source.breaks_inside(rows, above)
        if not inside:
            continue
        text = head["text"] + "|" + tail["text"]
        if label or any(char.isdigit() for char in text):
            yield text, "is broken over two lines"
            continue
        whole = head["x1"] - head["x0"] + tail["x1"] - tail["x0"]
        if head["text"][-1] in SOFT_HYPHENS:
            whole -= (head["x1"] - head["x0"]) / len(head["text"])
        if whole < width - TOLERANCE:
            yield text, f"is broken over two lines in a cell {width:.1f} pt wide enough for it"


class _Source:
    """The printed texts, without their whitespace, so a cell's lines can be found in them
    and each line end told apart as a space or the inside of a word."""

    def __init__(self, texts, labels):
        self.texts = []
        labels = {" ".join(str(label).split()) for label in labels}
        for text in [*texts, *labels]:
            letters, spaced = [], []
            for char in str(text):
                if char.isspace():
                    if spaced:
                        spaced[-1] = True
                else:
                    letters.append(char)
                    spaced.append(False)
            if letters:
                # spaced[i]: whitespace follows letter i in the printed text.
                is_label = " ".join(str(text).split()) in labels
                self.texts.append(("".join(letters), spaced, is_label))

    def breaks_inside(self, rows, above):
        """(inside, label): whether the line end after ``above`` (one of the cell's ``rows``)
        falls inside a word in every printed text the cell's letters can come from (``False``
        when there is none), and whether all those texts are labels."""
        key, end = self._letters(rows, above)
        places = [
            (spaced[start + end - 1], is_label)
            for letters, spaced, is_label in self.texts
            for start in _find_all(letters, key)
        ]
        inside = bool(places) and not any(spaced for spaced, _label in places)
        return inside, inside and all(label for _spaced, label in places)

    @staticmethod
    def _letters(rows, above):
        """The cell's letters, without the hyphens hyphenation added, and how many of them
        come before the end of ``above``."""
        parts, end = [], 0
        for row in rows:
            text = "".join(word["text"] for word in row)
            if row is not rows[-1] and text[-1] in SOFT_HYPHENS:
                text = text[:-1]
            parts.append(text)
            if row is above:
                end = sum(map(len, parts))
        return "".join(parts), end


def _find_all(letters, key):
    return [match.start() for match in re.finditer(f"(?={re.escape(key)})", letters)]


def _overlap(a0, a1, b0, b1):
    return min(a1, b1) - max(a0, b0)
