/* sibaso._speedups: the clean-row path of sibaso.adapters.clean_rows, compiled.
 *
 * Optional: without a C compiler sibaso installs and runs the same path in Python.
 * Python builds a plan (sibaso/adapters/clean_rows.py, _Plan) from a sheet's columns;
 * the Reader type below runs it for each row. A row the plan cannot vouch for gives None and
 * takes sibaso's general path, so this file decides nothing the Python code does not:
 * tests/adapters/test_clean_rows.py checks both give equal records on every input.
 *
 * Records are made the way attrs' generated __init__ makes them (allocate, then set every
 * slot), which the plan allows only for classes without validators, converters or
 * __attrs_post_init__.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <datetime.h>
#include <string.h>

enum {
    OP_NIK = 1,
    OP_KK = 2,
    OP_TEXT = 3,
    OP_CACHED = 4,
    OP_DATE = 5,
    OP_SEX = 6,
    OP_CODE = 7,
    OP_DEFAULT = 8,
    OP_ADDRESS = 9,
    OP_REQUIRE = 10,
    OP_DETAILS = 11,
    OP_EXTRA = 12,
    OP_DETAIL = 13,
    OP_PROGRAMME = 14,
    OP_CONST = 15,
    OP_SEX_OR_NIK = 16,
    OP_SEEN = 17,
};

typedef struct {
    int code;
    Py_ssize_t col;       /* cell column, or -1 */
    Py_ssize_t slot;      /* value slot written (or read) */
    Py_ssize_t slot2;     /* a second slot (given text, basis, details) */
    Py_ssize_t number;    /* digits of a code, -1 for any */
    PyObject *a;          /* cache dict, constant, header, key ... (owned) */
    PyObject *b;          /* Python fallback callable (owned) */
    PyObject *c;          /* extra objects, e.g. slot tuple, enum members (owned) */
    PyObject *last_key;   /* the previous row's cell (or address key) and its value: rows */
    PyObject *last_value; /* of one desa follow each other (owned) */
} Op;

typedef struct {
    Py_ssize_t offset;    /* byte offset of the attrs slot in the record */
    Py_ssize_t slot;      /* value slot; -1: the provenance; -2: the constant */
    PyObject *constant;   /* (owned) */
} Field;

typedef struct {
    PyObject_HEAD
    Op *ops;
    Py_ssize_t n_ops;
    Py_ssize_t n_slots;
    /* NIK rules: bit maps of clean kecamatan codes (6 digits) and DDMM birth parts */
    unsigned char *districts;
    unsigned char *ddmm;
    PyTypeObject *nik_type;
    Py_ssize_t nik_value_offset;
    Py_ssize_t nik_today_offset;
    /* No. KK: its DDMM (registration day) map, and its class (the same slots as NIK's) */
    unsigned char *kk_ddmm;
    PyTypeObject *kk_type;
    Py_ssize_t kk_value_offset;
    Py_ssize_t kk_today_offset;
    /* the record */
    PyTypeObject *record_type;
    Field *fields;
    Py_ssize_t n_fields;
    PyTypeObject *provenance_type;
    PyObject *file;
    PyObject *sheet;
    PyObject *missing;    /* frozenset of placeholders (upper case) */
    Py_ssize_t missing_max;
    char **missing_text;  /* the ASCII ones, as C strings */
    Py_ssize_t n_missing;
    PyObject *text_cell;
    PyObject *source;     /* the plan, kept for repr and auditing */
    int untracked;        /* records made are not tracked by the cycle collector */
} Reader;

/* ---- helpers -------------------------------------------------------------------------- */

static Py_ssize_t
slot_offset(PyTypeObject *type, const char *name)
{
    PyObject *descr = PyObject_GetAttrString((PyObject *)type, name);
    if (descr == NULL) {
        return -1;
    }
    if (!PyObject_TypeCheck(descr, &PyMemberDescr_Type)) {
        Py_DECREF(descr);
        PyErr_Format(PyExc_TypeError, "%s.%s is not a slot", type->tp_name, name);
        return -1;
    }
    Py_ssize_t offset = ((PyMemberDescrObject *)descr)->d_member->offset;
    Py_DECREF(descr);
    return offset;
}

static void
set_slot(PyObject *obj, Py_ssize_t offset, PyObject *value)
{
    PyObject **addr = (PyObject **)((char *)obj + offset);
    PyObject *old = *addr;
    Py_INCREF(value);
    *addr = value;
    Py_XDECREF(old);
}

/* Leave an object the cyclic garbage collector need never visit: a NIK or KK (text and
 * dates only), a tuple of text and numbers (which CPython itself untracks when it first
 * meets one), and, when the plan says so, the record itself. A record refers to text,
 * enums, frozen values and its own details dict of text: it can only be part of a cycle if
 * someone puts it into its own details, so, like msgspec's gc=False structs, hundreds of
 * thousands of records cost the collector nothing (see docs/adapters.md). */
static void
untrack(PyObject *obj)
{
    if (PyObject_GC_IsTracked(obj)) {
        PyObject_GC_UnTrack(obj);
    }
}

/* 1 when text is clean as it stands (ASCII, printable, no edge or double space),
 * 0 when it needs the Python text rules. */
static int
ascii_tidy(PyObject *text)
{
    if (!PyUnicode_IS_ASCII(text)) {
        return 0;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const unsigned char *s = PyUnicode_1BYTE_DATA(text);
    if (n == 0) {
        return 1;
    }
    if (s[0] == ' ' || s[n - 1] == ' ') {
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char ch = s[i];
        if (ch < 0x20 || ch > 0x7e) {
            return 0;
        }
        if (ch == ' ' && i + 1 < n && s[i + 1] == ' ') {
            return 0;
        }
    }
    return 1;
}

/* Whether tidy ASCII text is a placeholder (NULL, -, #N/A ...): its upper case is one of the
 * r->n_missing ASCII strings of r->missing_text (the Python set, read at start). */
static int
is_missing(Reader *r, PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > r->missing_max) {
        return 0;
    }
    const unsigned char *s = PyUnicode_1BYTE_DATA(text);
    for (Py_ssize_t k = 0; k < r->n_missing; k++) {
        const char *m = r->missing_text[k];
        if ((Py_ssize_t)strlen(m) != n) {
            continue;
        }
        Py_ssize_t i = 0;
        for (; i < n; i++) {
            unsigned char ch = s[i];
            if (((ch >= 'a' && ch <= 'z') ? ch - 32 : ch) != (unsigned char)m[i]) {
                break;
            }
        }
        if (i == n) {
            return 1;
        }
    }
    return 0;
}

static int
days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* A birth date written D-M-YYYY or YYYY-M-D (separators - / .; day and month of one or two
 * digits) that sibaso.adapters.values.date_cell reads without any remark: a real date from
 * 1880 to `today`. Others (two-digit years, month names, swapped day and month, ...) give
 * NULL without an error, and the Python rules decide. */
static PyObject *
plain_date(PyObject *cell, PyObject *today)
{
    if (!PyUnicode_IS_ASCII(cell)) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(cell);
    if (n < 8 || n > 10) {
        return NULL;
    }
    const unsigned char *s = PyUnicode_1BYTE_DATA(cell);
    int parts[3] = {0, 0, 0}, widths[3] = {0, 0, 0}, part = 0;
    unsigned char separator = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            parts[part] = parts[part] * 10 + (ch - '0');
            widths[part]++;
        }
        else if ((ch == '-' || ch == '/' || ch == '.') && part < 2 && widths[part] > 0
                 && (separator == 0 || separator == ch)) {
            separator = ch;
            part++;
        }
        else {
            return NULL;
        }
    }
    if (part != 2 || widths[2] == 0) {
        return NULL;
    }
    int year, month, day;
    if (widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2) {
        year = parts[0], month = parts[1], day = parts[2];
    }
    else if (widths[0] <= 2 && widths[1] <= 2 && widths[2] == 4) {
        day = parts[0], month = parts[1], year = parts[2];
    }
    else {
        return NULL;
    }
    if (year < 1880 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return NULL;
    }
    int ty = PyDateTime_GET_YEAR(today), tm = PyDateTime_GET_MONTH(today);
    int td = PyDateTime_GET_DAY(today);
    if (year > ty || (year == ty && (month > tm || (month == tm && day > td)))) {
        return NULL;
    }
    return PyDate_FromDate(year, month, day);
}

/* The text value of a cell as sibaso.adapters.values.text_cell gives it (new reference). */
static PyObject *
text_value(Reader *r, PyObject *cell)
{
    if (PyUnicode_CheckExact(cell) && ascii_tidy(cell)) {
        int missing = is_missing(r, cell);
        if (missing < 0) {
            return NULL;
        }
        if (missing) {
            Py_RETURN_NONE;
        }
        Py_INCREF(cell);
        return cell;
    }
    if (PyLong_CheckExact(cell)) {  /* text_cell(12) is "12" */
        PyObject *text = PyObject_Str(cell);
        if (text != NULL || !PyErr_ExceptionMatches(PyExc_ValueError)) {
            return text;
        }
        PyErr_Clear();  /* too many digits to print: the Python rule says what it is */
    }
    return PyObject_CallOneArg(r->text_cell, cell);
}

/* A value remembered per distinct text in `cache`, else `read(cell)` (new reference). */
static PyObject *
cached_value(PyObject *cache, PyObject *read, PyObject *cell)
{
    if (PyUnicode_CheckExact(cell)) {
        PyObject *hit = PyDict_GetItemWithError(cache, cell);
        if (hit != NULL) {
            Py_INCREF(hit);
            return hit;
        }
        if (PyErr_Occurred()) {
            return NULL;
        }
    }
    return PyObject_CallOneArg(read, cell);
}

static int
digits_at(const unsigned char *s, Py_ssize_t from, Py_ssize_t count)
{
    int value = 0;
    for (Py_ssize_t i = from; i < from + count; i++) {
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

static int
bit(const unsigned char *map, int index)
{
    return (map[index >> 3] >> (index & 7)) & 1;
}

/* Sixteen ASCII digits, not starting with 0, of a kecamatan without region remarks, a DDMM
 * part in `ddmm` and a serial other than 0000: a NIK or No. KK the Python rules accept
 * without any remark. */
static int
clean_identifier(Reader *r, PyObject *cell, const unsigned char *ddmm)
{
    if (!PyUnicode_CheckExact(cell) || !PyUnicode_IS_ASCII(cell)
        || PyUnicode_GET_LENGTH(cell) != 16) {
        return 0;
    }
    const unsigned char *s = PyUnicode_1BYTE_DATA(cell);
    for (int i = 0; i < 16; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    if (s[0] == '0' || memcmp(s + 12, "0000", 4) == 0) {
        return 0;
    }
    return bit(r->districts, digits_at(s, 0, 6)) && bit(ddmm, digits_at(s, 6, 4));
}

/* Guards against a plan whose steps are out of order (a bug in the plan, not in the row). */
static int
is_nik_text(PyObject *text)
{
    if (PyUnicode_CheckExact(text) && PyUnicode_IS_ASCII(text) && PyUnicode_GET_LENGTH(text) == 16) {
        return 1;
    }
    PyErr_SetString(PyExc_SystemError, "the plan reads the sex before the NIK");
    return 0;
}

static int
is_details(PyObject *details)
{
    if (details != NULL && PyDict_CheckExact(details)) {
        return 1;
    }
    PyErr_SetString(PyExc_SystemError, "the plan fills the details before making them");
    return 0;
}

/* ---- running the plan ----------------------------------------------------------------- */

#define CELL(col) ((col) < n_cells ? PyTuple_GET_ITEM(cells, (col)) : Py_None)
#define PUT(index, value) do { Py_XSETREF(slots[(index)], (value)); } while (0)
#define GET(index) (slots[(index)] != NULL ? slots[(index)] : Py_None)

/* 1: keep going, 0: not a clean row, -1: error */
static int
run_op(Reader *r, Op *op, PyObject *row, PyObject *cells, Py_ssize_t n_cells, PyObject **slots)
{
    PyObject *cell = op->col >= 0 ? CELL(op->col) : Py_None;
    PyObject *value;
    switch (op->code) {
    case OP_NIK: {
        if (!clean_identifier(r, cell, r->ddmm)) {
            return 0;
        }
        PyObject *nik = r->nik_type->tp_alloc(r->nik_type, 0);
        if (nik == NULL) {
            return -1;
        }
        set_slot(nik, r->nik_value_offset, cell);
        set_slot(nik, r->nik_today_offset, Py_None);
        untrack(nik);
        PUT(op->slot, nik);
        Py_INCREF(cell);
        PUT(op->slot2, cell);
        return 1;
    }
    case OP_KK: {
        if (cell == Py_None) {
            Py_INCREF(Py_None);
            PUT(op->slot, Py_None);
            Py_INCREF(Py_None);
            PUT(op->slot2, Py_None);
            return 1;
        }
        if (!PyUnicode_CheckExact(cell)) {
            return 0;
        }
        if (clean_identifier(r, cell, r->kk_ddmm)) {  /* as kk_cell reads it, no remark */
            PyObject *kk = r->kk_type->tp_alloc(r->kk_type, 0);
            if (kk == NULL) {
                return -1;
            }
            set_slot(kk, r->kk_value_offset, cell);
            set_slot(kk, r->kk_today_offset, Py_None);
            untrack(kk);
            PUT(op->slot, kk);
            Py_INCREF(cell);
            PUT(op->slot2, cell);
            return 1;
        }
        PyObject *found = PyDict_GetItemWithError(op->a, cell);
        if (found != NULL) {
            Py_INCREF(found);
        }
        else if (PyErr_Occurred()) {
            return -1;
        }
        else if ((found = PyObject_CallOneArg(op->b, cell)) == NULL) {
            return -1;
        }
        if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 3
            || PyTuple_GET_ITEM(found, 2) != Py_None) {
            Py_DECREF(found);
            return 0;
        }
        value = PyTuple_GET_ITEM(found, 0);
        Py_INCREF(value);
        PUT(op->slot, value);
        value = PyTuple_GET_ITEM(found, 1);
        Py_INCREF(value);
        PUT(op->slot2, value);
        Py_DECREF(found);
        return 1;
    }
    case OP_TEXT:
        if ((value = text_value(r, cell)) == NULL) {
            return -1;
        }
        PUT(op->slot, value);
        return 1;
    case OP_CACHED:
        if (op->last_key != NULL && PyUnicode_CheckExact(cell)
            && (cell == op->last_key || PyUnicode_Compare(cell, op->last_key) == 0)) {
            value = op->last_value;  /* the same text as the row before */
            Py_INCREF(value);
            PUT(op->slot, value);
            return 1;
        }
        if ((value = cached_value(op->a, op->b, cell)) == NULL) {
            return -1;
        }
        if (PyUnicode_CheckExact(cell)) {
            Py_INCREF(cell);
            Py_XSETREF(op->last_key, cell);
            Py_INCREF(value);
            Py_XSETREF(op->last_value, value);
        }
        PUT(op->slot, value);
        return 1;
    case OP_DATE: {
        /* a: cache {text: (date, problem)}, b: the Python reader, c: today */
        PyObject *found = NULL;
        if (PyUnicode_CheckExact(cell)) {
            found = PyDict_GetItemWithError(op->a, cell);
            if (found != NULL) {
                Py_INCREF(found);
            }
            else if (PyErr_Occurred()) {
                return -1;
            }
            else if ((value = plain_date(cell, op->c)) != NULL) {
                found = PyTuple_Pack(2, value, Py_None);
                Py_DECREF(value);
                if (found == NULL) {
                    return -1;
                }
                if (PyDict_GET_SIZE(op->a) >= 50000) {
                    PyDict_Clear(op->a);
                }
                if (PyDict_SetItem(op->a, cell, found) < 0) {
                    Py_DECREF(found);
                    return -1;
                }
            }
            else if (PyErr_Occurred()) {
                return -1;
            }
        }
        if (found == NULL && (found = PyObject_CallOneArg(op->b, cell)) == NULL) {
            return -1;
        }
        if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 2
            || PyTuple_GET_ITEM(found, 1) != Py_None) {
            Py_DECREF(found);
            return 0;
        }
        value = PyTuple_GET_ITEM(found, 0);
        Py_INCREF(value);
        PUT(op->slot, value);
        Py_DECREF(found);
        return 1;
    }
    case OP_SEX: {
        /* a: male, c: female; b: sex_cell */
        PyObject *found = PyObject_CallOneArg(op->b, cell);
        if (found == NULL) {
            return -1;
        }
        if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 2
            || PyTuple_GET_ITEM(found, 1) != Py_None) {
            Py_DECREF(found);
            return 0;
        }
        value = PyTuple_GET_ITEM(found, 0);
        if (value != Py_None) {
            PyObject *nik_text = GET(op->slot2);
            if (!is_nik_text(nik_text)) {
                Py_DECREF(found);
                return -1;
            }
            const unsigned char *s = PyUnicode_1BYTE_DATA(nik_text);
            PyObject *nik_sex = s[6] >= '4' ? op->c : op->a;
            if (value != nik_sex) {
                Py_DECREF(found);
                return 0;
            }
        }
        Py_INCREF(value);
        PUT(op->slot, value);
        Py_DECREF(found);
        return 1;
    }
    case OP_SEX_OR_NIK: {
        /* slot: sex (or None); slot2: the NIK text; a: male, c: female */
        if (GET(op->slot) == Py_None) {
            if (!is_nik_text(GET(op->slot2))) {
                return -1;
            }
            const unsigned char *s = PyUnicode_1BYTE_DATA(GET(op->slot2));
            value = s[6] >= '4' ? op->c : op->a;
            Py_INCREF(value);
            PUT(op->slot, value);
        }
        return 1;
    }
    case OP_CODE: {
        if (cell == Py_None) {
            Py_INCREF(Py_None);
            PUT(op->slot, Py_None);
            return 1;
        }
        if (!PyUnicode_CheckExact(cell) || !PyUnicode_IS_ASCII(cell)) {
            return 0;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(cell);
        if (n == 0 || (op->number >= 0 && n != op->number)) {
            return 0;
        }
        const unsigned char *s = PyUnicode_1BYTE_DATA(cell);
        int nonzero = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (s[i] < '0' || s[i] > '9') {
                return 0;
            }
            nonzero |= s[i] != '0';
        }
        if (!nonzero) {
            return 0;
        }
        Py_INCREF(cell);
        PUT(op->slot, cell);
        return 1;
    }
    case OP_DEFAULT:
        if (GET(op->slot) == Py_None) {
            Py_INCREF(op->a);
            PUT(op->slot, op->a);
        }
        return 1;
    case OP_CONST:
        Py_INCREF(op->a);
        PUT(op->slot, op->a);
        return 1;
    case OP_ADDRESS: {
        /* a: cache dict, b: make(values), c: tuple of slot numbers */
        Py_ssize_t n = PyTuple_GET_SIZE(op->c);
        if (op->last_key != NULL) {  /* the very same values as the row before */
            Py_ssize_t i = 0;
            for (; i < n; i++) {
                Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(op->c, i));
                if (GET(index) != PyTuple_GET_ITEM(op->last_key, i)) {
                    break;
                }
            }
            if (i == n) {
                Py_INCREF(op->last_value);
                PUT(op->slot, op->last_value);
                return 1;
            }
        }
        PyObject *key = PyTuple_New(n);
        if (key == NULL) {
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(op->c, i));
            PyObject *item = GET(index);
            Py_INCREF(item);
            PyTuple_SET_ITEM(key, i, item);
        }
        PyObject *hit = PyDict_GetItemWithError(op->a, key);
        if (hit != NULL) {
            Py_INCREF(hit);
        }
        else if (PyErr_Occurred() || (hit = PyObject_CallOneArg(op->b, key)) == NULL) {
            Py_DECREF(key);
            return -1;
        }
        Py_XSETREF(op->last_key, key);
        Py_INCREF(hit);
        Py_XSETREF(op->last_value, hit);
        PUT(op->slot, hit);
        return 1;
    }
    case OP_REQUIRE: {
        int truth = PyObject_IsTrue(GET(op->slot));
        return truth < 0 ? -1 : truth;
    }
    case OP_DETAILS:
        if ((value = PyDict_New()) == NULL) {
            return -1;
        }
        PUT(op->slot, value);
        return 1;
    case OP_EXTRA: {
        /* slot: the details dict; a: the header */
        if (cell == Py_None) {
            return 1;
        }
        if (!is_details(slots[op->slot]) || (value = text_value(r, cell)) == NULL) {
            return -1;
        }
        int failed = value != Py_None && PyDict_SetItem(slots[op->slot], op->a, value) < 0;
        Py_DECREF(value);
        return failed ? -1 : 1;
    }
    case OP_DETAIL: {
        /* slot: the value (text or None), slot2: the details dict, a: the key */
        value = GET(op->slot);
        int truth = PyObject_IsTrue(value);
        if (truth <= 0) {
            return truth < 0 ? -1 : 1;
        }
        if (!is_details(slots[op->slot2])) {
            return -1;
        }
        return PyDict_SetItem(slots[op->slot2], op->a, value) < 0 ? -1 : 1;
    }
    case OP_SEEN: {
        /* The duplicate check of sibaso.adapters.read: key (household id or programme, NIK)
         * first seen here is remembered as (sheet, row); seen before: not clean (the general
         * path reports it). slot: household id or -1; slot2: programme or -1 (then a);
         * number: the NIK text; b: the dict of keys seen; c: the sheet name. */
        PyObject *prefix = op->slot >= 0 ? GET(op->slot) : Py_None;
        int truth = PyObject_IsTrue(prefix);
        if (truth < 0) {
            return -1;
        }
        if (!truth) {
            prefix = op->slot2 >= 0 ? GET(op->slot2) : op->a;
        }
        PyObject *key = PyTuple_Pack(2, prefix, GET(op->number));
        if (key == NULL) {
            return -1;
        }
        PyObject *where = PyTuple_Pack(2, op->c, row);
        if (where == NULL) {
            Py_DECREF(key);
            return -1;
        }
        untrack(key);
        untrack(where);
        /* one probe: remembered here unless the key is already there */
        PyObject *first = PyDict_SetDefault(op->b, key, where);
        int state = first == NULL ? -1 : first == where ? 1 : 0;
        Py_DECREF(key);
        Py_DECREF(where);
        return state;
    }
    case OP_PROGRAMME: {
        /* number: the slot of the programme name; slot: the code; slot2: the basis;
         * a: cache {name: (code, basis)}, b: programme_of(name) -> (code, basis) | None */
        if (op->number < 0 || op->number >= r->n_slots) {
            PyErr_SetString(PyExc_ValueError, "the programme name slot is out of range");
            return -1;
        }
        PyObject *name = GET(op->number);
        PyObject *hit = PyDict_GetItemWithError(op->a, name);
        if (hit != NULL) {
            Py_INCREF(hit);
        }
        else if (PyErr_Occurred()) {
            return -1;
        }
        else {
            if ((hit = PyObject_CallOneArg(op->b, name)) == NULL) {
                return -1;
            }
            if (hit == Py_None) {
                Py_DECREF(hit);
                return 0;
            }
            if (PyDict_SetItem(op->a, name, hit) < 0) {
                Py_DECREF(hit);
                return -1;
            }
        }
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 2) {
            Py_DECREF(hit);
            PyErr_SetString(PyExc_TypeError, "programme_of must give (code, basis)");
            return -1;
        }
        value = PyTuple_GET_ITEM(hit, 0);
        Py_INCREF(value);
        PUT(op->slot, value);
        value = PyTuple_GET_ITEM(hit, 1);
        Py_INCREF(value);
        PUT(op->slot2, value);
        Py_DECREF(hit);
        return 1;
    }
    }
    PyErr_Format(PyExc_SystemError, "unknown op %d", op->code);
    return -1;
}

static PyObject *
build(Reader *r, PyObject *row, PyObject **slots)
{
    PyObject *provenance = r->provenance_type->tp_alloc(r->provenance_type, 3);
    if (provenance == NULL) {
        return NULL;
    }
    Py_INCREF(r->file);
    PyTuple_SET_ITEM(provenance, 0, r->file);
    Py_INCREF(r->sheet);
    PyTuple_SET_ITEM(provenance, 1, r->sheet);
    Py_INCREF(row);
    PyTuple_SET_ITEM(provenance, 2, row);
    untrack(provenance);
    PyObject *record = r->record_type->tp_alloc(r->record_type, 0);
    if (record == NULL) {
        Py_DECREF(provenance);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < r->n_fields; i++) {
        Field *f = &r->fields[i];
        set_slot(record, f->offset,
                 f->slot >= 0 ? GET(f->slot) : f->slot == -1 ? provenance : f->constant);
    }
    Py_DECREF(provenance);
    if (r->untracked) {
        untrack(record);
    }
    return record;
}

static PyObject *
Reader_call(Reader *r, PyObject *args, PyObject *kwargs)
{
    PyObject *row, *cells;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs)) {
        PyErr_SetString(PyExc_TypeError, "reader(row, cells) takes no keywords");
        return NULL;
    }
    if (!PyArg_UnpackTuple(args, "reader", 2, 2, &row, &cells)) {
        return NULL;
    }
    if (!PyTuple_Check(cells)) {
        PyErr_SetString(PyExc_TypeError, "cells must be a tuple");
        return NULL;
    }
    Py_ssize_t n_cells = PyTuple_GET_SIZE(cells);
    /* the row's values live in this call's own slots: callbacks into Python may let another
     * thread run this reader meanwhile */
    PyObject *local[64] = {NULL};
    PyObject **slots = local;
    if (r->n_slots > 64 && (slots = PyMem_Calloc(r->n_slots, sizeof(PyObject *))) == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *result = NULL;
    int state = 1;
    for (Py_ssize_t i = 0; i < r->n_ops && state == 1; i++) {
        state = run_op(r, &r->ops[i], row, cells, n_cells, slots);
    }
    if (state == 1) {
        result = build(r, row, slots);
    }
    else if (state == 0) {
        result = Py_None;
        Py_INCREF(result);
    }
    for (Py_ssize_t i = 0; i < r->n_slots; i++) {
        Py_CLEAR(slots[i]);
    }
    if (slots != local) {
        PyMem_Free(slots);
    }
    return result;
}

/* reader.take(rows, first, skipped, out, limit): run the reader over the (number, cells)
 * pairs of `rows`, skipping numbers up to `first` and those in `skipped`, appending the
 * records of clean rows to `out`. Returns at the first row that is not clean, as its
 * (number, cells) pair for the general path; True when `limit` records were appended;
 * None when `rows` is exhausted. */
static PyObject *
Reader_take(Reader *r, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 || !PyList_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "take(rows, first, skipped, out: list, limit)");
        return NULL;
    }
    PyObject *rows = args[0], *skipped = args[2], *out = args[3];
    long first = PyLong_AsLong(args[1]);
    Py_ssize_t limit = PyLong_AsSsize_t(args[4]);
    if ((first == -1 || limit == -1) && PyErr_Occurred()) {
        return NULL;
    }
    int any_skipped = PyObject_IsTrue(skipped);
    if (any_skipped < 0) {
        return NULL;
    }
    Py_ssize_t taken = 0;
    PyObject *item;
    while ((item = PyIter_Next(rows)) != NULL) {
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            Py_DECREF(item);
            PyErr_SetString(PyExc_TypeError, "rows must give (number, cells) pairs");
            return NULL;
        }
        PyObject *number = PyTuple_GET_ITEM(item, 0);
        long value = PyLong_AsLong(number);
        if (value == -1 && PyErr_Occurred()) {
            Py_DECREF(item);
            return NULL;
        }
        int skip = value <= first;
        if (!skip && any_skipped) {
            skip = PySequence_Contains(skipped, number);
            if (skip < 0) {
                Py_DECREF(item);
                return NULL;
            }
        }
        if (skip) {
            Py_DECREF(item);
            continue;
        }
        PyObject *call_args = item;  /* (number, cells) are the call's arguments */
        PyObject *record = Reader_call(r, call_args, NULL);
        if (record == NULL) {
            Py_DECREF(item);
            return NULL;
        }
        if (record == Py_None) {
            Py_DECREF(record);
            return item;
        }
        Py_DECREF(item);
        int failed = PyList_Append(out, record);
        Py_DECREF(record);
        if (failed < 0) {
            return NULL;
        }
        if (++taken >= limit) {
            Py_RETURN_TRUE;
        }
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef Reader_methods[] = {
    {"take", (PyCFunction)(void (*)(void))Reader_take, METH_FASTCALL,
     "take(rows, first, skipped, out, limit): clean records into out; the first row that is "
     "not clean, True at the limit, None at the end"},
    {NULL, NULL, 0, NULL},
};

/* ---- making a Reader ------------------------------------------------------------------ */

static int
fill_bits(PyObject *codes, unsigned char *map, int limit)
{
    PyObject *iter = PyObject_GetIter(codes);
    if (iter == NULL) {
        return -1;
    }
    PyObject *item;
    while ((item = PyIter_Next(iter)) != NULL) {
        long value = PyLong_AsLong(item);
        Py_DECREF(item);
        if (value == -1 && PyErr_Occurred()) {
            Py_DECREF(iter);
            return -1;
        }
        if (value >= 0 && value < limit) {
            map[value >> 3] |= (unsigned char)(1 << (value & 7));
        }
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

static PyObject *
item_or_null(PyObject *tuple, Py_ssize_t i)
{
    if (i >= PyTuple_GET_SIZE(tuple)) {
        return NULL;
    }
    PyObject *item = PyTuple_GET_ITEM(tuple, i);
    Py_INCREF(item);
    return item;
}

/* Reader(ops, n_slots, districts, ddmm, nik_type, record_type, fields, provenance_type,
 *        file, sheet, missing, text_cell, source)
 * ops: tuples (code, col, slot, slot2, number, a, b, c) (a.. optional)
 * fields: tuples (attribute name, slot, constant): slot -1 for the provenance, -2 for the
 * constant */
static PyObject *
Reader_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *ops, *districts, *ddmm, *nik_type, *record_type, *fields, *provenance_type;
    PyObject *file, *sheet, *missing, *text_cell, *source, *kk_type, *kk_ddmm;
    Py_ssize_t n_slots;
    int untracked = 0;
    if (!PyArg_ParseTuple(args, "O!nOOO!O!O!O!OOO!OOO!O|p:Reader", &PyTuple_Type, &ops,
                          &n_slots, &districts, &ddmm, &PyType_Type, &nik_type, &PyType_Type,
                          &record_type, &PyTuple_Type, &fields, &PyType_Type,
                          &provenance_type, &file, &sheet, &PyFrozenSet_Type, &missing,
                          &text_cell, &source, &PyType_Type, &kk_type, &kk_ddmm, &untracked)) {
        return NULL;
    }
    Reader *r = (Reader *)type->tp_alloc(type, 0);
    if (r == NULL) {
        return NULL;
    }
    r->n_slots = n_slots;
    r->untracked = untracked;
    r->districts = PyMem_Calloc(1000000 / 8 + 1, 1);
    r->ddmm = PyMem_Calloc(10000 / 8 + 1, 1);
    r->kk_ddmm = PyMem_Calloc(10000 / 8 + 1, 1);
    r->n_ops = PyTuple_GET_SIZE(ops);
    r->ops = PyMem_Calloc(r->n_ops > 0 ? r->n_ops : 1, sizeof(Op));
    r->n_fields = PyTuple_GET_SIZE(fields);
    r->fields = PyMem_Calloc(r->n_fields > 0 ? r->n_fields : 1, sizeof(Field));
    if (!r->districts || !r->ddmm || !r->kk_ddmm || !r->ops || !r->fields) {
        Py_DECREF(r);
        return PyErr_NoMemory();
    }
    if (fill_bits(districts, r->districts, 1000000) < 0 || fill_bits(ddmm, r->ddmm, 10000) < 0
        || fill_bits(kk_ddmm, r->kk_ddmm, 10000) < 0) {
        Py_DECREF(r);
        return NULL;
    }
    Py_INCREF(nik_type);
    r->nik_type = (PyTypeObject *)nik_type;
    Py_INCREF(kk_type);
    r->kk_type = (PyTypeObject *)kk_type;
    Py_INCREF(record_type);
    r->record_type = (PyTypeObject *)record_type;
    Py_INCREF(provenance_type);
    r->provenance_type = (PyTypeObject *)provenance_type;
    Py_INCREF(file);
    r->file = file;
    Py_INCREF(sheet);
    r->sheet = sheet;
    Py_INCREF(missing);
    r->missing = missing;
    Py_INCREF(text_cell);
    r->text_cell = text_cell;
    Py_INCREF(source);
    r->source = source;
    r->missing_max = 0;
    r->missing_text = PyMem_Calloc(PySet_GET_SIZE(missing) + 1, sizeof(char *));
    if (r->missing_text == NULL) {
        Py_DECREF(r);
        return PyErr_NoMemory();
    }
    PyObject *iter = PyObject_GetIter(missing), *item;
    if (iter == NULL) {
        Py_DECREF(r);
        return NULL;
    }
    while ((item = PyIter_Next(iter)) != NULL) {
        /* only ASCII text without lower case can equal the upper case of ASCII text */
        if (PyUnicode_Check(item) && PyUnicode_IS_ASCII(item)) {
            const char *text = PyUnicode_AsUTF8(item);
            char *copy = text ? PyMem_Malloc(strlen(text) + 1) : NULL;
            if (copy == NULL) {
                Py_DECREF(item);
                Py_DECREF(iter);
                Py_DECREF(r);
                return text ? PyErr_NoMemory() : NULL;
            }
            strcpy(copy, text);
            r->missing_text[r->n_missing++] = copy;
            if (PyUnicode_GET_LENGTH(item) > r->missing_max) {
                r->missing_max = PyUnicode_GET_LENGTH(item);
            }
        }
        Py_DECREF(item);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        Py_DECREF(r);
        return NULL;
    }
    if ((r->nik_value_offset = slot_offset(r->nik_type, "value")) < 0
        || (r->nik_today_offset = slot_offset(r->nik_type, "_today")) < 0
        || (r->kk_value_offset = slot_offset(r->kk_type, "value")) < 0
        || (r->kk_today_offset = slot_offset(r->kk_type, "_today")) < 0) {
        Py_DECREF(r);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < r->n_ops; i++) {
        PyObject *t = PyTuple_GET_ITEM(ops, i);
        Op *op = &r->ops[i];
        if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) < 5) {
            Py_DECREF(r);
            PyErr_SetString(PyExc_TypeError, "an op is (code, col, slot, slot2, number, ...)");
            return NULL;
        }
        op->code = (int)PyLong_AsLong(PyTuple_GET_ITEM(t, 0));
        op->col = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 1));
        op->slot = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 2));
        op->slot2 = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 3));
        op->number = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 4));
        op->a = item_or_null(t, 5);
        op->b = item_or_null(t, 6);
        op->c = item_or_null(t, 7);
        if (PyErr_Occurred()) {
            Py_DECREF(r);
            return NULL;
        }
        if (op->slot >= n_slots || op->slot2 >= n_slots) {
            Py_DECREF(r);
            PyErr_SetString(PyExc_ValueError, "an op names a slot beyond n_slots");
            return NULL;
        }
        int needs_a = op->code == OP_KK || op->code == OP_CACHED || op->code == OP_DATE
                      || op->code == OP_SEX || op->code == OP_DEFAULT || op->code == OP_ADDRESS
                      || op->code == OP_EXTRA || op->code == OP_DETAIL
                      || op->code == OP_PROGRAMME || op->code == OP_CONST
                      || op->code == OP_SEX_OR_NIK;
        int needs_b = op->code == OP_KK || op->code == OP_CACHED || op->code == OP_DATE
                      || op->code == OP_SEX || op->code == OP_ADDRESS
                      || op->code == OP_PROGRAMME || op->code == OP_SEEN;
        int needs_c = op->code == OP_SEX || op->code == OP_ADDRESS || op->code == OP_SEX_OR_NIK
                      || op->code == OP_SEEN || op->code == OP_DATE;
        if ((needs_a && !op->a) || (needs_b && !op->b) || (needs_c && !op->c)
            || ((op->code == OP_KK || op->code == OP_CACHED || op->code == OP_DATE
                 || op->code == OP_ADDRESS || op->code == OP_PROGRAMME)
                && !PyDict_Check(op->a))
            || (op->code == OP_SEEN
                && (!PyDict_Check(op->b) || op->number < 0 || op->number >= n_slots
                    || (op->slot2 < 0 && !op->a)))
            || (op->code == OP_ADDRESS && !PyTuple_Check(op->c))
            || (op->code == OP_DATE && !PyDate_CheckExact(op->c))) {
            Py_DECREF(r);
            PyErr_Format(PyExc_TypeError, "op %d lacks its objects", op->code);
            return NULL;
        }
        int needs_slot2 = op->code == OP_NIK || op->code == OP_KK || op->code == OP_SEX
                          || op->code == OP_SEX_OR_NIK || op->code == OP_DETAIL
                          || op->code == OP_PROGRAMME;
        if ((op->slot < 0 && op->code != OP_SEEN) || op->slot2 < -1
            || (needs_slot2 && op->slot2 < 0)
            || (op->code == OP_PROGRAMME && (op->number < 0 || op->number >= n_slots))
            || op->code < OP_NIK || op->code > OP_SEEN) {
            Py_DECREF(r);
            PyErr_Format(PyExc_ValueError, "op %d lacks a slot it needs", op->code);
            return NULL;
        }
        if (op->code == OP_ADDRESS) {
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(op->c); k++) {
                Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(op->c, k));
                if (index < 0 || index >= n_slots) {
                    Py_DECREF(r);
                    if (!PyErr_Occurred()) {
                        PyErr_SetString(PyExc_ValueError, "an address slot is out of range");
                    }
                    return NULL;
                }
            }
        }
    }
    for (Py_ssize_t i = 0; i < r->n_fields; i++) {
        PyObject *t = PyTuple_GET_ITEM(fields, i);
        const char *name;
        Py_ssize_t slot;
        PyObject *constant;
        if (!PyArg_ParseTuple(t, "snO:field", &name, &slot, &constant)) {
            Py_DECREF(r);
            return NULL;
        }
        Py_INCREF(constant);
        r->fields[i].constant = constant;
        if (slot >= n_slots || slot < -2) {
            Py_DECREF(r);
            PyErr_SetString(PyExc_ValueError, "a field names a slot beyond n_slots");
            return NULL;
        }
        r->fields[i].slot = slot;
        if ((r->fields[i].offset = slot_offset(r->record_type, name)) < 0) {
            Py_DECREF(r);
            return NULL;
        }
    }
    return (PyObject *)r;
}

static int
Reader_traverse(Reader *r, visitproc visit, void *arg)
{
    for (Py_ssize_t i = 0; r->ops && i < r->n_ops; i++) {
        Py_VISIT(r->ops[i].a);
        Py_VISIT(r->ops[i].b);
        Py_VISIT(r->ops[i].c);
        Py_VISIT(r->ops[i].last_key);
        Py_VISIT(r->ops[i].last_value);
    }
    for (Py_ssize_t i = 0; r->fields && i < r->n_fields; i++) {
        Py_VISIT(r->fields[i].constant);
    }
    Py_VISIT(r->nik_type);
    Py_VISIT(r->kk_type);
    Py_VISIT(r->record_type);
    Py_VISIT(r->provenance_type);
    Py_VISIT(r->file);
    Py_VISIT(r->sheet);
    Py_VISIT(r->missing);
    Py_VISIT(r->text_cell);
    Py_VISIT(r->source);
    return 0;
}

static int
Reader_clear(Reader *r)
{
    for (Py_ssize_t i = 0; r->ops && i < r->n_ops; i++) {
        Py_CLEAR(r->ops[i].a);
        Py_CLEAR(r->ops[i].b);
        Py_CLEAR(r->ops[i].c);
        Py_CLEAR(r->ops[i].last_key);
        Py_CLEAR(r->ops[i].last_value);
    }
    for (Py_ssize_t i = 0; r->fields && i < r->n_fields; i++) {
        Py_CLEAR(r->fields[i].constant);
    }
    Py_CLEAR(r->nik_type);
    Py_CLEAR(r->kk_type);
    Py_CLEAR(r->record_type);
    Py_CLEAR(r->provenance_type);
    Py_CLEAR(r->file);
    Py_CLEAR(r->sheet);
    Py_CLEAR(r->missing);
    Py_CLEAR(r->text_cell);
    Py_CLEAR(r->source);
    return 0;
}

static void
Reader_dealloc(Reader *r)
{
    PyObject_GC_UnTrack(r);
    Reader_clear(r);
    PyMem_Free(r->ops);
    PyMem_Free(r->fields);
    PyMem_Free(r->districts);
    PyMem_Free(r->ddmm);
    PyMem_Free(r->kk_ddmm);
    for (Py_ssize_t i = 0; r->missing_text && i < r->n_missing; i++) {
        PyMem_Free(r->missing_text[i]);
    }
    PyMem_Free(r->missing_text);
    Py_TYPE(r)->tp_free((PyObject *)r);
}

static PyMemberDef Reader_members[] = {
    {"source", T_OBJECT, offsetof(Reader, source), READONLY,
     "the plan this reader runs, as Python built it"},
    {NULL},
};

static PyTypeObject ReaderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sibaso._speedups.Reader",
    .tp_doc = "reader(row, cells): the record of a clean row, else None (see clean_rows.py)",
    .tp_basicsize = sizeof(Reader),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = Reader_new,
    .tp_call = (ternaryfunc)Reader_call,
    .tp_traverse = (traverseproc)Reader_traverse,
    .tp_clear = (inquiry)Reader_clear,
    .tp_dealloc = (destructor)Reader_dealloc,
    .tp_members = Reader_members,
    .tp_methods = Reader_methods,
};

/* ---- csv_cells ------------------------------------------------------------------------ */

static PyObject *
csv_cells(PyObject *module, PyObject *fields)
{
    if (!PyList_Check(fields)) {
        PyErr_SetString(PyExc_TypeError, "csv_cells takes the list csv.reader gives");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(fields);
    while (n > 0) {
        PyObject *last = PyList_GET_ITEM(fields, n - 1);
        if (!PyUnicode_Check(last) || PyUnicode_GET_LENGTH(last) != 0) {
            break;
        }
        n--;
    }
    PyObject *cells = PyTuple_New(n);
    if (cells == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *field = PyList_GET_ITEM(fields, i);
        if (PyUnicode_Check(field) && PyUnicode_GET_LENGTH(field) == 0) {
            field = Py_None;
        }
        Py_INCREF(field);
        PyTuple_SET_ITEM(cells, i, field);
    }
    return cells;
}

/* ---- find_unverified ------------------------------------------------------------------ */

static int
is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* Whether s[i:] is ` r="REF"` with REF a cell inside max_row x max_col (letters A-Z, a row
 * number without leading zeros): sibaso.readers.zipscan._sheet_pattern's lookahead. */
static int
in_bounds_ref(const unsigned char *s, Py_ssize_t i, Py_ssize_t n, long max_row, long max_col)
{
    if (i + 4 > n || memcmp(s + i, " r=\"", 4) != 0) {
        return 0;
    }
    i += 4;
    long col = 0, row = 0;
    int letters = 0, digits = 0;
    while (i < n && s[i] >= 'A' && s[i] <= 'Z') {
        if (++letters > 7) {
            return 0;
        }
        col = col * 26 + (s[i] - 'A' + 1);
        i++;
    }
    if (letters == 0 || col > max_col || i >= n || s[i] < '1' || s[i] > '9') {
        return 0;
    }
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (++digits > 10) {
            return 0;
        }
        row = row * 10 + (s[i] - '0');
        i++;
    }
    return row <= max_row && i < n && s[i] == '"';
}

/* find_unverified(buf, pos, max_row, max_col): the (start, end) of the first match of
 * zipscan._sheet_pattern(max_row, max_col) in buf[pos:], else None. The same search as the
 * regular expression, a byte loop instead of a regex engine (a worksheet has millions of
 * cells). */
static PyObject *
find_unverified(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Py_buffer view;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "find_unverified(buf, pos, max_row, max_col)");
        return NULL;
    }
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]);
    long max_row = PyLong_AsLong(args[2]), max_col = PyLong_AsLong(args[3]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    const unsigned char *s = view.buf;
    Py_ssize_t n = view.len, start = -1, end = -1;
    if (pos < 0) {
        pos = 0;
    }
    while (pos < n) {
        const unsigned char *hit = memchr(s + pos, '<', (size_t)(n - pos));
        if (hit == NULL) {
            break;
        }
        Py_ssize_t i = hit - s;
        if (i + 1 < n && s[i + 1] == '!') {
            start = i, end = i + 2;
            break;
        }
        if (i + 2 < n && s[i + 1] == 'c' && (is_space(s[i + 2]) || s[i + 2] == '>'
                                             || s[i + 2] == '/')) {
            if (!in_bounds_ref(s, i + 2, n, max_row, max_col)) {
                start = i, end = i + 3;
                break;
            }
        }
        else if (i + 10 < n && memcmp(s + i + 1, "mergeCell", 9) == 0 && is_space(s[i + 10])) {
            start = i, end = i + 11;
            break;
        }
        pos = i + 1;
    }
    PyBuffer_Release(&view);
    if (start < 0) {
        Py_RETURN_NONE;
    }
    return Py_BuildValue("(nn)", start, end);
}

/* ---- canonical_cells ------------------------------------------------------------------ */

/* canonical_cells(values, canonical): the cells of a calamine row by the canonical rule of
 * sibaso.readers.values (text as is, '' as None, whole doubles up to 2**53 as int, the rest
 * by `canonical` itself), trailing None dropped. */
static PyObject *
canonical_cells(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "canonical_cells(values: list, canonical)");
        return NULL;
    }
    PyObject *values = args[0], *canonical = args[1];
    Py_ssize_t n = PyList_GET_SIZE(values);
    PyObject *cells = PyTuple_New(n);
    if (cells == NULL) {
        return NULL;
    }
    Py_ssize_t used = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = PyList_GET_ITEM(values, i), *cell;
        if (PyUnicode_CheckExact(value)) {
            cell = PyUnicode_GET_LENGTH(value) ? value : Py_None;
            Py_INCREF(cell);
        }
        else if (value == Py_None) {
            cell = Py_None;
            Py_INCREF(cell);
        }
        else if (PyFloat_CheckExact(value)) {
            double number = PyFloat_AS_DOUBLE(value);
            if (number >= -9007199254740992.0 && number <= 9007199254740992.0
                && number == (double)(long long)number) {  /* NaN fails the range */
                cell = PyLong_FromLongLong((long long)number);
            }
            else {
                cell = value;
                Py_INCREF(cell);
            }
        }
        else {
            cell = PyObject_CallOneArg(canonical, value);
        }
        if (cell == NULL) {
            Py_DECREF(cells);
            return NULL;
        }
        PyTuple_SET_ITEM(cells, i, cell);
        if (cell != Py_None) {
            used = i + 1;
        }
    }
    if (used == n) {
        return cells;
    }
    PyObject *trimmed = PyTuple_GetSlice(cells, 0, used);
    Py_DECREF(cells);
    return trimmed;
}

/* ---- Guard: sibaso.readers.values.guard_rows ------------------------------------------ */

/* What the two row iterators below share: the rows they read and one Python callable. */
typedef struct {
    PyObject_HEAD
    PyObject *rows;
    PyObject *call;
} RowIter;

static void
RowIter_dealloc(RowIter *it)
{
    PyObject_GC_UnTrack(it);
    Py_CLEAR(it->rows);
    Py_CLEAR(it->call);
    Py_TYPE(it)->tp_free((PyObject *)it);
}

static int
RowIter_traverse(RowIter *it, visitproc visit, void *arg)
{
    Py_VISIT(it->rows);
    Py_VISIT(it->call);
    return 0;
}

/* A RowIter of `type` over iter(rows), calling `call` (new reference, or NULL). */
static RowIter *
RowIter_make(PyTypeObject *type, PyObject *rows, PyObject *call)
{
    PyObject *iter = PyObject_GetIter(rows);
    if (iter == NULL) {
        return NULL;
    }
    RowIter *it = (RowIter *)type->tp_alloc(type, 0);
    if (it == NULL) {
        Py_DECREF(iter);
        return NULL;
    }
    it->rows = iter;
    Py_INCREF(call);
    it->call = call;
    return it;
}

typedef struct {
    RowIter base;         /* rows: (number, cells) pairs; call: fail(number, cells), which
                           * raises the SourceError of a limit */
    long max_rows, max_columns, max_gap, last;
    int done;
} Guard;

static PyObject *
Guard_next(Guard *g)
{
    PyObject *item;
    while (!g->done && (item = PyIter_Next(g->base.rows)) != NULL) {
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2
            || !PyTuple_Check(PyTuple_GET_ITEM(item, 1))) {
            Py_DECREF(item);
            PyErr_SetString(PyExc_TypeError, "rows must give (number, cells) pairs");
            return NULL;
        }
        long number = PyLong_AsLong(PyTuple_GET_ITEM(item, 0));
        if (number == -1 && PyErr_Occurred()) {
            Py_DECREF(item);
            return NULL;
        }
        Py_ssize_t width = PyTuple_GET_SIZE(PyTuple_GET_ITEM(item, 1));
        if (number - g->last > g->max_gap) {  /* a long run of empty rows: the end */
            Py_DECREF(item);
            g->done = 1;
            return NULL;
        }
        if (width == 0) {
            Py_DECREF(item);
            continue;
        }
        if (number > g->max_rows || width > g->max_columns) {
            g->done = 1;  /* like the generator: nothing after the error */
            PyObject *result = PyObject_CallFunctionObjArgs(
                g->base.call, PyTuple_GET_ITEM(item, 0), PyTuple_GET_ITEM(item, 1), NULL);
            Py_DECREF(item);
            if (result != NULL) {
                Py_DECREF(result);
                PyErr_SetString(PyExc_RuntimeError, "a row limit was passed without an error");
            }
            return NULL;
        }
        g->last = number;
        return item;
    }
    return NULL;
}

static PyObject *
Guard_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *rows, *fail;
    long max_rows, max_columns, max_gap;
    if (!PyArg_ParseTuple(args, "OlllO:guard", &rows, &max_rows, &max_columns, &max_gap, &fail)) {
        return NULL;
    }
    Guard *g = (Guard *)RowIter_make(type, rows, fail);
    if (g == NULL) {
        return NULL;
    }
    g->max_rows = max_rows, g->max_columns = max_columns, g->max_gap = max_gap;
    return (PyObject *)g;
}

static PyTypeObject GuardType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sibaso._speedups.guard",
    .tp_doc = "guard(rows, max_rows, max_columns, max_gap, fail): guard_rows in C",
    .tp_basicsize = sizeof(Guard),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = Guard_new,
    .tp_dealloc = (destructor)RowIter_dealloc,
    .tp_traverse = (traverseproc)RowIter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)Guard_next,
};

/* ---- CalamineRows: sibaso.readers.engines.calamine_rows ------------------------------- */

typedef struct {
    RowIter base;         /* rows: calamine's iter_rows(); call: the canonical cell rule */
    Py_ssize_t pad;       /* empty columns before the first used one */
    long number;
} CalamineRows;

static PyObject *
CalamineRows_next(CalamineRows *c)
{
    PyObject *raw = PyIter_Next(c->base.rows);
    if (raw == NULL) {
        return NULL;
    }
    if (!PyList_Check(raw)) {
        Py_DECREF(raw);
        PyErr_SetString(PyExc_TypeError, "calamine rows must be lists");
        return NULL;
    }
    PyObject *call[2] = {raw, c->base.call};
    PyObject *cells = canonical_cells(NULL, call, 2);
    Py_DECREF(raw);
    if (cells == NULL) {
        return NULL;
    }
    if (c->pad > 0 && PyTuple_GET_SIZE(cells) > 0) {
        Py_ssize_t n = PyTuple_GET_SIZE(cells);
        PyObject *padded = PyTuple_New(c->pad + n);
        if (padded == NULL) {
            Py_DECREF(cells);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < c->pad; i++) {
            Py_INCREF(Py_None);
            PyTuple_SET_ITEM(padded, i, Py_None);
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *cell = PyTuple_GET_ITEM(cells, i);
            Py_INCREF(cell);
            PyTuple_SET_ITEM(padded, c->pad + i, cell);
        }
        Py_DECREF(cells);
        cells = padded;
    }
    c->number++;
    PyObject *number = PyLong_FromLong(c->number);
    if (number == NULL) {
        Py_DECREF(cells);
        return NULL;
    }
    PyObject *row = PyTuple_Pack(2, number, cells);
    Py_DECREF(number);
    Py_DECREF(cells);
    return row;
}

static PyObject *
CalamineRows_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *rows, *canonical;
    Py_ssize_t pad;
    if (!PyArg_ParseTuple(args, "OOn:calamine_rows", &rows, &canonical, &pad)) {
        return NULL;
    }
    CalamineRows *c = (CalamineRows *)RowIter_make(type, rows, canonical);
    if (c == NULL) {
        return NULL;
    }
    c->pad = pad;
    return (PyObject *)c;
}

static PyTypeObject CalamineRowsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sibaso._speedups.calamine_rows",
    .tp_doc = "calamine_rows(iter_rows, canonical, pad): numbered canonical rows, in C",
    .tp_basicsize = sizeof(CalamineRows),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = CalamineRows_new,
    .tp_dealloc = (destructor)RowIter_dealloc,
    .tp_traverse = (traverseproc)RowIter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)CalamineRows_next,
};

static PyMethodDef module_methods[] = {
    {"canonical_cells", (PyCFunction)(void (*)(void))canonical_cells, METH_FASTCALL,
     "canonical_cells(values, canonical): a calamine row as canonical cells, trailing None "
     "dropped"},
    {"find_unverified", (PyCFunction)(void (*)(void))find_unverified, METH_FASTCALL,
     "find_unverified(buf, pos, max_row, max_col): the span of the first cell outside the "
     "bounds, markup declaration or merged range, else None"},
    {"csv_cells", csv_cells, METH_O,
     "csv_cells(fields): the row csv.reader gives as cells: '' as None, trailing None dropped"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "sibaso._speedups",
    .m_doc = "Compiled clean-row reader; optional (see sibaso.adapters.clean_rows).",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
    PyTypeObject *types[] = {&ReaderType, &GuardType, &CalamineRowsType};
    const char *names[] = {"Reader", "guard", "calamine_rows"};
    for (int i = 0; i < 3; i++) {
        if (PyType_Ready(types[i]) < 0) {
            Py_DECREF(module);
            return NULL;
        }
        Py_INCREF(types[i]);
        if (PyModule_AddObject(module, names[i], (PyObject *)types[i]) < 0) {
            Py_DECREF(types[i]);
            Py_DECREF(module);
            return NULL;
        }
    }
    return module;
}
