"""Render the app's SVG icon to the PNG sizes desktops look for, under resources/icons,
and to the .ico (Windows) and .icns (macOS) files the frozen build embeds.

QT_QPA_PLATFORM=offscreen python packaging/render_icons.py
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "agent_desktop" / "gui" / "icons" / "agent-desktop.svg"
APP_ID = "io.github.agent_desktop.AgentDesktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TARGET = ROOT / "resources" / "icons" / "hicolor"
# written here so that PyInstaller does not need Pillow to convert the PNGs
ICO_SIZES = (16, 24, 32, 48, 64, 256)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    return bytes(data.data())


def write_ico(path: Path, sizes: tuple[int, ...]) -> None:
    """A multi-size .ico of PNG images (Qt's writer keeps only one size)."""
    images = [png_bytes(render(size)) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in zip(sizes, images, strict=True):
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    path.write_bytes(header + entries + blobs)


def write_icns(path: Path, size: int) -> bool:
    return QImageWriter(str(path), b"icns").write(render(size))


def main() -> int:
    QGuiApplication(sys.argv[:1])
    for size in SIZES:
        folder = TARGET / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(folder / f"{APP_ID}.png")):
            print(f"error: could not write the {size} px icon", file=sys.stderr)
            return 1
    scalable = TARGET / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / f"{APP_ID}.svg")
    write_ico(ROOT / "packaging" / "agent-desktop.ico", ICO_SIZES)
    if not write_icns(ROOT / "packaging" / "agent-desktop.icns", 512):
        print("error: could not write the .icns icon", file=sys.stderr)
        return 1
    print(f"icons written under {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
