"""OCR of image-only PDF pages through tesseract, when it is installed, as positioned lines."""

from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict

from .layout import Line

DPI = 300
TIMEOUT = 120


def tesseract_path() -> str | None:
    """The tesseract executable, or None when OCR is not available here."""
    return shutil.which("tesseract")


def ocr_page(page, page_no: int, languages: str = "eng") -> list[Line]:
    """Lines of a rendered PDF page read by tesseract, in PDF points like pdfium's lines."""
    exe = tesseract_path()
    if exe is None:
        raise RuntimeError("tesseract is not installed")
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    result = subprocess.run(
        [exe, "stdin", "stdout", "-l", languages, "--psm", "3", "tsv"],
        input=buffer.getvalue(), capture_output=True, timeout=TIMEOUT, check=True,
    )
    height_pt = page.get_height()
    words: dict[tuple, list] = defaultdict(list)
    for row in result.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        block, par, line = cols[2], cols[3], cols[4]
        left, top, width, height = (int(c) for c in cols[6:10])
        words[(int(block), int(par), int(line))].append((left, top, width, height, cols[11]))
    scale = 72 / DPI
    lines = []
    for key in sorted(words):
        ws = words[key]
        left = min(w[0] for w in ws) * scale
        right = max(w[0] + w[2] for w in ws) * scale
        top = height_pt - min(w[1] for w in ws) * scale
        bottom = height_pt - max(w[1] + w[3] for w in ws) * scale
        lines.append(Line(page_no, top, bottom, left, right, " ".join(w[4] for w in sorted(ws)), height_pt))
    lines.sort(key=lambda line: (-line.top, line.left))
    return lines
