"""Fast bulk writes for the generator steps: ids reserved up front and rows streamed with COPY."""

import csv
import io
from datetime import date

NULL = r"\N"


def reserve_ids(cr, table, count):
    """Ids from the table's own sequence, so that rows can reference each other before the insert."""
    cr.execute(f"SELECT nextval('{table}_id_seq') FROM generate_series(1, %s)", [count])
    return [row[0] for row in cr.fetchall()]


def _text(value):
    if value is None:
        return NULL
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, date):  # datetimes too: str() gives PostgreSQL's format for both
        return str(value)
    return value


def copy_rows(cr, table, columns, rows):
    """COPY rows (tuples in the order of columns) into table: one round trip, no per-row SQL."""
    if not rows:
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    buffer.seek(0)
    cr._obj.copy_expert(
        f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')", buffer)
