"""Drafts kept on disk: each profile's on its own, damaged files read as none, nothing
attached that is no longer there, and readable by the agent alone."""

from __future__ import annotations

import stat

from agent_desktop.store.drafts import (
    FILENAME,
    Draft,
    forget_drafts,
    load_drafts,
    save_drafts,
)


def test_drafts_come_back_as_they_were_saved(tmp_path):
    attachment = tmp_path / "comprovante.pdf"
    attachment.write_bytes(b"%PDF")
    drafts = {
        4: Draft("Vou verificar o cupom e", False, (attachment,)),
        7: Draft("Cliente VIP: ligar amanhã", True),
    }
    save_drafts(tmp_path, 1, drafts)
    assert load_drafts(tmp_path, 1) == drafts
    assert stat.S_IMODE((tmp_path / FILENAME).stat().st_mode) == 0o600


def test_each_profile_keeps_its_own(tmp_path):
    save_drafts(tmp_path, 1, {4: Draft("conta 1", False)})
    save_drafts(tmp_path, 2, {4: Draft("conta 2", False)})
    save_drafts(tmp_path, 1, {})  # everything of profile 1 sent
    assert load_drafts(tmp_path, 1) == {}
    assert load_drafts(tmp_path, 2) == {4: Draft("conta 2", False)}
    forget_drafts(tmp_path, [2])
    assert not (tmp_path / FILENAME).exists()  # nothing left: no file


def test_a_file_gone_since_is_not_attached(tmp_path):
    attachment = tmp_path / "foto.jpg"
    attachment.write_bytes(b"jpg")
    save_drafts(tmp_path, 1, {4: Draft("Segue a foto", False, (attachment,))})
    attachment.unlink()
    assert load_drafts(tmp_path, 1) == {4: Draft("Segue a foto", False, ())}


def test_a_damaged_file_reads_as_no_drafts_and_is_replaced_on_save(tmp_path):
    (tmp_path / FILENAME).write_text('{"format": 1, "profiles": {"1": {"4": {"text": 3')
    assert load_drafts(tmp_path, 1) == {}
    (tmp_path / FILENAME).write_text('{"format": 1, "profiles": {"1": {"4": {"text": 3}}}}')
    assert load_drafts(tmp_path, 1) == {}
    save_drafts(tmp_path, 1, {5: Draft("novo", False)})
    assert load_drafts(tmp_path, 1) == {5: Draft("novo", False)}
