"""The map step on a Dask cluster: ``kg build --engine dask [--scheduler ADDRESS]``.

This process reads the inputs and keeps the reduce (the writer, the store);
workers run :func:`kg.corpus.map_document`, each loading the pipeline once, on
the text they are sent, so that they need no access to the input files. Results
come back in the order of the plan, with a bounded number of documents in
flight, so the output is the bytes of a single-process build and memory does not
follow the corpus.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator

from kg.corpus import (
    Outcome,
    Settings,
    SettingsError,
    Task,
    extraction_failed,
    map_document,
    read_task,
)
from kg.inputs import InputError


class SchedulerError(Exception):
    """The Dask scheduler given cannot be reached."""


def run_on_dask(tasks: list[Task], settings: Settings, scheduler: str | None = None,
                workers: int = 2, in_flight: int = 4, quiet: bool = False) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` in their order, extracted on the Dask cluster at
    ``scheduler`` (a ``LocalCluster`` of ``workers`` processes when None).

    At most ``in_flight`` documents per worker are sent ahead of the one being written.
    """
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        # One thread per worker: the pipeline is pure Python and holds the GIL.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0" if not quiet else None)
        client = Client(cluster)
    else:
        try:
            # Dask's own connect timeout (30 s by default) bounds the wait.
            client = Client(scheduler)
        except (OSError, ValueError) as err:  # TimeoutError is an OSError
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler} "
                                 f"({' '.join(str(err).split())})") from None
    try:
        if not quiet and client.dashboard_link:
            print(f"kg build: Dask dashboard (progress, memory per worker): "
                  f"{client.dashboard_link}", file=sys.stderr)
        limit = max(1, in_flight * max(1, len(client.scheduler_info()["workers"])))
        pending: deque = deque()
        queue = iter(tasks)
        while True:
            while len(pending) < limit:
                task = next(queue, None)
                if task is None:
                    break
                pending.append(_submit(client, task, settings))
            if not pending:
                break
            yield _outcome(*pending.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _submit(client, task: Task, settings: Settings):
    try:
        document, warnings = read_task(task)
    except InputError as err:
        return task, None, [], str(err)
    # pure=False: two files with the same text are still two documents.
    future = client.submit(map_document, task.identifier, document.text,
                           document.analysis_text, settings, document.publication,
                           pure=False)
    return task, future, warnings, None


def _outcome(task: Task, future, warnings: list[str], error: str | None) -> Outcome:
    if error is not None:
        return Outcome(task, error=error)
    try:
        result, rendered = future.result()
    except SettingsError:
        raise  # the workers cannot load the pipeline: no document would fare better
    except Exception as err:
        return extraction_failed(task, err)
    finally:
        future.release()
    return Outcome(task, result=result, warnings=warnings, rendered=rendered)
