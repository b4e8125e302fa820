"""The ledger: items, their revisions and grades in the store, append-only, with an audit log.

Reads are open. Every write needs a named token (`tiptrace token create NAME`); the token's name
is what the audit log and the grades record. A revision is a new row with the whole body; a
withdrawal is a revision with status 'withdrawn'; nothing is updated or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..errors import NoDataError, TiptraceError
from .models import Grade, ItemBody, ItemRow


class AuthError(getattr(errors, "AuthError", TiptraceError)):
    """A write without a valid named token (HTTP 401 in the API)."""

    status = 401


class LedgerError(TiptraceError):
    """A write the ledger refuses (unknown item, duplicate id, broken link)."""


@dataclass
class Item:
    """The current revision of an item with every analyst's latest grade."""

    id: str
    revision: int
    status: str
    body: ItemBody
    grades: list[Grade] = field(default_factory=list)
    token: str = ""
    created: str = ""

    def row(self) -> dict[str, Any]:
        return {"kind": "item", "id": self.id, "revision": self.revision, "status": self.status,
                **self.body.model_dump(mode="json", exclude_none=True),
                "grades": [g.model_dump(mode="json") for g in self.grades]}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class Ledger:
    def __init__(self, store):
        self.store = store
        self._ready = False

    # -- setup ----------------------------------------------------------------------------
    @property
    def engine(self):
        return self.store.engine

    def _ensure(self) -> None:
        if not self._has_tables():
            from . import tables

            tables.metadata.create_all(self.engine, checkfirst=True)
            self._ready = True

    def _has_tables(self) -> bool:
        if self._ready:
            return True
        from sqlalchemy import inspect

        if inspect(self.engine).has_table("evidence_revisions"):
            self._ready = True
        return self._ready

    def who(self, token: str | None) -> str:
        """The name of a valid token, else AuthError (nothing is written)."""
        name = self.store.token_name(token or "") if token else None
        if name is None:
            raise AuthError("Writing to the evidence ledger needs a valid named token (CLI: --token "
                            "or TIPTRACE_TOKEN; API: Authorization: Bearer ...); create one with "
                            "`tiptrace token create NAME`.")
        return name

    # -- reading ----------------------------------------------------------------------------
    def items(self, country: str | None = None, year: int | None = None,
              include_withdrawn: bool = False) -> list[Item]:
        if not self._has_tables():
            return []
        from sqlalchemy import func, select

        from .tables import grades, revisions

        latest = (select(revisions.c.item_id, func.max(revisions.c.revision).label("rev"))
                  .group_by(revisions.c.item_id).subquery())
        q = select(revisions).join(latest, (revisions.c.item_id == latest.c.item_id)
                                   & (revisions.c.revision == latest.c.rev))
        if country:
            q = q.where(revisions.c.country == country)
        if year:
            q = q.where(revisions.c.report_year == year)
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(revisions.c.item_id)).mappings().all()
            ids = [r["item_id"] for r in rows]
            grade_rows = conn.execute(select(grades).where(grades.c.item_id.in_(ids))
                                      .order_by(grades.c.grade_id)).mappings().all() if ids else []
        latest_grade: dict[str, dict[str, Grade]] = {}
        for g in grade_rows:  # later rows replace earlier ones: an analyst's latest grade counts
            latest_grade.setdefault(g["item_id"], {})[g["analyst"]] = Grade(
                analyst=g["analyst"], reliability=g["reliability"], credibility=g["credibility"],
                note=g["note"] or "")
        out = []
        for r in rows:
            if r["status"] != "active" and not include_withdrawn:
                continue
            out.append(Item(r["item_id"], r["revision"], r["status"],
                            ItemBody.model_validate_json(r["body"]),
                            list(latest_grade.get(r["item_id"], {}).values()), r["token"],
                            r["created"]))
        return out

    def get(self, item_id: str) -> Item:
        for it in self._items_by_id([item_id]):
            return it
        raise NoDataError(f"No evidence item {item_id!r}.")

    def _items_by_id(self, ids: Iterable[str]) -> list[Item]:
        wanted = set(ids)
        return [it for it in self.items(include_withdrawn=True) if it.id in wanted]

    def history(self, item_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every revision and grade of an item, oldest first."""
        if not self._has_tables():
            raise NoDataError(f"No evidence item {item_id!r}.")
        from sqlalchemy import select

        from .tables import grades, revisions

        with self.engine.connect() as conn:
            revs = conn.execute(select(revisions).where(revisions.c.item_id == item_id)
                                .order_by(revisions.c.revision)).mappings().all()
            grs = conn.execute(select(grades).where(grades.c.item_id == item_id)
                               .order_by(grades.c.grade_id)).mappings().all()
        if not revs:
            raise NoDataError(f"No evidence item {item_id!r}.")
        return {"revisions": [{"revision": r["revision"], "status": r["status"],
                               "token": r["token"], "created": r["created"],
                               "body": json.loads(r["body"])} for r in revs],
                "grades": [{k: g[k] for k in ("item_revision", "analyst", "reliability",
                                              "credibility", "note", "token", "created")}
                           for g in grs]}

    def audit_log(self, item_id: str | None = None) -> list[dict[str, Any]]:
        if not self._has_tables():
            return []
        from sqlalchemy import select

        from .tables import audit

        q = select(audit).order_by(audit.c.event_id)
        if item_id:
            q = q.where(audit.c.item_id == item_id)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def counts(self) -> dict[str, int]:
        if not self._has_tables():
            return {"evidence_revisions": 0, "evidence_grades": 0, "evidence_audit": 0}
        from sqlalchemy import func, select

        from . import tables

        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (tables.revisions, tables.grades, tables.audit)}

    # -- writing ----------------------------------------------------------------------------
    def add(self, body: ItemBody, grade: Grade | None, token: str | None,
            item_id: str | None = None) -> Item:
        who = self.who(token)
        self._ensure()
        with self.engine.begin() as conn:
            self._check_links(conn, body, item_id)
            item_id = item_id or f"ev-{secrets.token_hex(5)}"
            if self._latest(conn, item_id) is not None:
                raise LedgerError(f"An item {item_id!r} exists already; revise it instead.")
            self._write_revision(conn, item_id, 1, "active", body, who, "add")
            if grade:
                self._write_grade(conn, item_id, 1, grade, who)
        return self.get(item_id)

    def revise(self, item_id: str, changes: dict[str, Any], token: str | None,
               status: str = "active") -> Item:
        """A new revision: the current body with `changes` applied, validated whole."""
        who = self.who(token)
        self._ensure()
        for attempt in range(20):  # two writers racing for the same revision number: retry
            from sqlalchemy.exc import IntegrityError

            try:
                with self.engine.begin() as conn:
                    current = self._latest(conn, item_id)
                    if current is None:
                        raise NoDataError(f"No evidence item {item_id!r}.")
                    data = {**json.loads(current["body"]), **changes}
                    body = ItemBody.model_validate(data)
                    self._check_links(conn, body, item_id)
                    rev = current["revision"] + 1
                    self._write_revision(conn, item_id, rev, status, body, who,
                                         "withdraw" if status == "withdrawn" else "revise",
                                         ", ".join(sorted(changes)))
                break
            except IntegrityError:
                if attempt == 19:
                    raise
        return self.get(item_id)

    def withdraw(self, item_id: str, token: str | None) -> Item:
        return self.revise(item_id, {}, token, status="withdrawn")

    def grade(self, item_id: str, grade: Grade, token: str | None) -> Item:
        who = self.who(token)
        self._ensure()
        with self.engine.begin() as conn:
            current = self._latest(conn, item_id)
            if current is None:
                raise NoDataError(f"No evidence item {item_id!r}.")
            self._write_grade(conn, item_id, current["revision"], grade, who)
        return self.get(item_id)

    def import_rows(self, rows: list[ItemRow], token: str | None, origin: str) -> dict[str, int]:
        """Write validated rows in ONE transaction: new ids are added, known ids get a new
        revision when their body changed; each row's grades are recorded when new."""
        who = self.who(token)
        self._ensure()
        added = revised = graded = 0
        with self.engine.begin() as conn:
            in_file = {r.id for r in rows}
            for r in rows:
                body = r.body()
                self._check_links(conn, body, r.id, also=in_file)
                current = self._latest(conn, r.id)
                if current is None:
                    rev = 1
                    self._write_revision(conn, r.id, rev, r.status, body, who, "import", origin)
                    added += 1
                else:
                    rev = current["revision"]
                    same = (ItemBody.model_validate_json(current["body"]) == body
                            and current["status"] == r.status)
                    if not same:
                        rev += 1
                        self._write_revision(conn, r.id, rev, r.status, body, who, "import",
                                             origin)
                        revised += 1
                have = self._grades_of(conn, r.id)
                for g in r.grades:
                    if have.get(g.analyst) != (g.reliability, g.credibility, g.note):
                        self._write_grade(conn, r.id, rev, g, who)
                        graded += 1
        return {"added": added, "revised": revised, "grades": graded}

    # -- internals --------------------------------------------------------------------------
    def _latest(self, conn, item_id: str):
        from sqlalchemy import select

        from .tables import revisions

        return conn.execute(select(revisions).where(revisions.c.item_id == item_id)
                            .order_by(revisions.c.revision.desc()).limit(1)).mappings().first()

    def _grades_of(self, conn, item_id: str) -> dict[str, tuple]:
        from sqlalchemy import select

        from .tables import grades

        out = {}
        for g in conn.execute(select(grades).where(grades.c.item_id == item_id)
                              .order_by(grades.c.grade_id)).mappings():
            out[g["analyst"]] = (g["reliability"], g["credibility"], g["note"] or "")
        return out

    def _check_links(self, conn, body: ItemBody, item_id: str | None,
                     also: set[str] = frozenset()) -> None:
        from sqlalchemy import select

        from .tables import revisions

        links = set(body.corroborates) | set(body.contradicts)
        if item_id in links:
            raise LedgerError(f"Item {item_id!r} cannot corroborate or contradict itself.")
        missing = links - set(also)
        if missing:
            found = {r[0] for r in conn.execute(select(revisions.c.item_id).distinct()
                                                .where(revisions.c.item_id.in_(missing)))}
            missing -= found
        if missing:
            raise LedgerError(f"Linked item(s) not in the ledger: {', '.join(sorted(missing))}.")

    def _write_revision(self, conn, item_id: str, rev: int, status: str, body: ItemBody,
                        who: str, action: str, detail: str = "") -> None:
        from .tables import audit, revisions

        now = _now()
        conn.execute(revisions.insert(), {
            "item_id": item_id, "revision": rev, "country": body.country,
            "report_year": body.report_year, "status": status,
            "body": body.model_dump_json(exclude_none=True), "token": who, "created": now})
        conn.execute(audit.insert(), {"at": now, "token": who, "action": action,
                                      "item_id": item_id, "revision": rev, "detail": detail})
        self._bump(conn)

    def _write_grade(self, conn, item_id: str, rev: int, g: Grade, who: str) -> None:
        from .tables import audit, grades

        now = _now()
        conn.execute(grades.insert(), {
            "item_id": item_id, "item_revision": rev, "analyst": g.analyst,
            "reliability": g.reliability, "credibility": g.credibility, "note": g.note,
            "token": who, "created": now})
        conn.execute(audit.insert(), {"at": now, "token": who, "action": "grade",
                                      "item_id": item_id, "revision": rev,
                                      "detail": f"{g.analyst}: {g.reliability}{g.credibility}"})
        self._bump(conn)

    def _bump(self, conn) -> None:
        """Raise the store's data version in this transaction, so caches see the write."""
        bump = getattr(self.store, "_bump", None)
        if bump is not None:
            bump(conn)
