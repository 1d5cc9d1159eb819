"""The copies of a scheduled message's files are kept for as long as the policy says the
message may still go out: a cancelled one's until its time, whenever it was cancelled.
The demo server and a real SQLite file, on one fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from agent_desktop.scheduling import attachments
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState
from tests.scheduling.conftest import World

S = OutboxState
PHOTO = b"\x89PNG a photo of the receipt"


def kept_folder(world: World, record: OutboxRecord) -> Path:
    return Path(world.home, record.attachments[0].path).parent


def sweep(world: World) -> int:
    return attachments.sweep(world.home, world.outbox.find(), world.clock.now())


def scheduled_with_a_photo(world: World, tmp_path: Path, text: str) -> OutboxRecord:
    photo = tmp_path / "recibo.png"
    photo.write_bytes(PHOTO)
    record = world.schedule(text, minutes=10 * 24 * 60, files=(photo,))
    photo.unlink()  # the original is gone: only the kept copy can go out
    return record


def test_a_message_restored_more_than_a_week_after_its_cancel_still_sends_its_file(world, tmp_path):
    record = scheduled_with_a_photo(world, tmp_path, "Segue o recibo")
    service = world.service()
    service.cancel(record.id)
    world.clock.advance(timedelta(days=8))
    sweep(world)
    assert kept_folder(world, record).is_dir()

    assert service.restore(record.id).state is S.PENDING
    world.clock.advance(timedelta(days=2))  # its time
    world.dispatcher().step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT
    with world.api() as api:
        (message,) = [
            m for m in api.messages(record.conversation_id) if m.id == sent.server_message_id
        ]
    assert message.content == "Segue o recibo"
    assert [(a.filename, a.file_size) for a in message.attachments] == [("recibo.png", len(PHOTO))]


def test_a_cancelled_messages_copy_goes_once_it_can_no_longer_be_restored(world, tmp_path):
    record = scheduled_with_a_photo(world, tmp_path, "Talvez o recibo")
    world.service().cancel(record.id)
    world.clock.advance(timedelta(days=8))
    assert sweep(world) == 0
    assert kept_folder(world, record).is_dir()
    world.clock.advance(timedelta(days=2, seconds=1))  # its time has passed
    assert sweep(world) == 1
    assert not kept_folder(world, record).exists()
