"""phonenumbers in the bundle: what the app reads a customer's zone with, and no more.

It imports each country's numbering plan by name when a number of it is first read, so
the plans are listed here. pyinstaller-hooks-contrib's hook, which this one replaces,
takes every module, with place names and carriers (about 40 MB) the app never reads."""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = [
    "phonenumbers.timezone",
    *collect_submodules("phonenumbers.data"),
    *collect_submodules("phonenumbers.shortdata"),
    *collect_submodules("phonenumbers.tzdata"),
]
