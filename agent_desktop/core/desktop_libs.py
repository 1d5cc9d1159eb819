"""The system libraries Qt's X11 platform plugin loads. Where one is missing Qt aborts
the process with a line about "xcb" that names none of them; looked for first, each
is named with the package that brings it (Debian and Ubuntu names)."""

from __future__ import annotations

import sys
from collections.abc import Mapping

# the sonames libQt6XcbQpa links against (beyond what every desktop has), and packages
X11_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def uses_x11(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will pick its X11 plugin: on Linux, when told to, or when nothing is
    said and the session is not Wayland's."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" and bool(env.get("WAYLAND_DISPLAY"))
    return not wayland


def missing_packages(env: Mapping[str, str], platform: str = sys.platform) -> list[str]:
    """The packages to install before the window can open (empty: none missing)."""
    if not uses_x11(env, platform):
        return []
    import ctypes  # only where it is needed: start-up counts

    missing = []
    for soname, package in X11_LIBRARIES.items():
        try:
            ctypes.CDLL(soname)  # Qt loads it moments later anyway
        except OSError:
            missing.append(package)
    return missing
