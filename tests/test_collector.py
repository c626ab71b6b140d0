"""The collector is paused while a text is analysed, and restored as it was."""

import gc
import threading

import unspin
from unspin import collector


def test_paused_restores_the_collector():
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # re-entrant
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_off():
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_paused_across_threads_and_after_errors():
    barrier = threading.Barrier(2)

    def body():
        with collector.paused():
            barrier.wait()  # both inside at once

    threads = [threading.Thread(target=body) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
    try:
        with collector.paused():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()


def test_repair_and_detect_leave_the_collector_on():
    text = "Chinese language officers mentioned that tensions within the Center East would ease."
    unspin.Repairer().repair(text)
    unspin.Repairer().detect(text)
    assert gc.isenabled()
