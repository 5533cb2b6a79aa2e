"""Read a page as a browser shows it: the text of elements, the fields and what forms submit.

The one HTML reader of the tests (the standard library's parser: no dependency)."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
BLOCKS = {"br", "div", "h1", "h2", "h3", "li", "p", "td", "th", "tr", "ul"}
FIELDS = {"input", "button", "select", "textarea"}


def squash(text):
    """Runs of ASCII white space as one space; no-break spaces (French numbers) are kept."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


class Page(HTMLParser):
    """A whole page or a fragment. Fields are dicts (see `field_of`); `forms` keeps, for each
    form, its attributes and its fields, as `{"attrs": {...}, "fields": [...]}`."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.forms = []
        self.fields = []  # every field of the page, in a form or not
        self.texts = {}  # element id → list of text pieces
        self.pieces = []  # the whole page's text
        self.stack = []  # open (tag, id)
        self.form = None
        self.select = None
        self.option = None
        self.textarea = None
        self.feed(html)
        self.close()

    # Parsing

    def handle_starttag(self, tag, attrs):
        attrs = {name: "" if value is None else value for name, value in attrs}
        if tag == "form":
            self.form = {"attrs": attrs, "fields": []}
            self.forms.append(self.form)
        elif tag in FIELDS:
            field = field_of(tag, attrs)
            self.fields.append(field)
            if self.form is not None:
                self.form["fields"].append(field)
            if tag == "textarea":
                self.textarea = field
            elif tag == "select":
                self.select = field
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))
            self.select["labels"].append("")
            self.option = self.select
        if tag in BLOCKS:
            self.handle_data(" ")
        if tag not in VOID:
            self.stack.append((tag, attrs.get("id")))
        if attrs.get("id"):
            self.texts.setdefault(attrs["id"], [])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = self.option = None
        elif tag == "option":
            self.option = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the newline that follows <textarea>.
            self.textarea["value"] = self.textarea["value"].removeprefix("\n")
            self.textarea = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        self.pieces.append(data)
        if self.textarea is not None:
            self.textarea["value"] += data
        if self.option is not None:
            self.option["labels"][-1] += data
        for _, element_id in self.stack:
            if element_id:
                self.texts[element_id].append(data)

    # Reading

    @property
    def all_text(self):
        """What a person reads on the page (entities decoded, white space squashed)."""
        return squash("".join(self.pieces))

    def text(self, element_id):
        assert element_id in self.texts, f"no element #{element_id} on the page"
        return squash("".join(self.texts[element_id]))

    def form_with(self, field_name=None, form_id=None):
        for form in self.forms:
            names = {field["name"] for field in form["fields"]}
            if form_id and form["attrs"].get("id") == form_id:
                return Form(form)
            if field_name and field_name in names:
                return Form(form)
        raise AssertionError(f"no form with {field_name or form_id}")

    def own_form(self):
        """The first form posting to the page itself (no action): the page's main form."""
        for form in self.forms:
            attrs = form["attrs"]
            if attrs.get("method", "").lower() == "post" and not attrs.get("action"):
                return Form(form)
        raise AssertionError("no form posting to the page itself")


def field_of(tag, attrs):
    field = {
        "tag": tag,
        "attrs": attrs,
        "name": attrs.get("name"),
        "type": attrs.get("type", {"button": "submit", "input": "text"}.get(tag, tag)),
        "value": attrs.get("value", ""),
        "checked": "checked" in attrs,
        "readonly": "readonly" in attrs,
        "disabled": "disabled" in attrs,
        "id": attrs.get("id"),
        "describedby": attrs.get("aria-describedby", ""),
        "form": attrs.get("form"),  # the form it belongs to, when not the enclosing one
        "options": [],  # (value, selected) of a select's options
        "labels": [],  # their texts, in the same order
    }
    if field["type"] in ("checkbox", "radio"):
        field["value"] = attrs.get("value", "on")
    if tag == "textarea":
        field["value"] = ""
    return field


class Form:
    def __init__(self, form):
        self.attrs = form["attrs"]
        self.fields = form["fields"]

    def field(self, name, value=None):
        for field in self.fields:
            if field["name"] == name and (value is None or field["value"] == value):
                return field
        raise AssertionError(f"no field {name}")

    def value(self, name):
        """What the field shows: its value, the selected option, or the checked boxes' values."""
        fields = [field for field in self.fields if field["name"] == name]
        assert fields, f"no field {name}"
        if fields[0]["type"] in ("checkbox", "radio"):
            return [field["value"] for field in fields if field["checked"]]
        if fields[0]["tag"] == "select":
            return next((value for value, selected in fields[0]["options"] if selected), None)
        return fields[0]["value"]

    def data(self):
        """What the browser submits without pressing a button: name → list of values."""
        data = {}
        for field in self.fields:
            name = field["name"]
            if not name or field["disabled"] or field["tag"] == "button":
                continue
            if field["type"] in ("submit", "button", "reset", "file"):
                continue
            if field["type"] in ("checkbox", "radio") and not field["checked"]:
                continue
            if field["tag"] == "select":
                data.setdefault(name, []).extend(submitted_options(field))
            else:
                data.setdefault(name, []).append(field["value"])
        return data

    def values(self):
        """`data()` with one value a field: the shape of a simple form's POST."""
        return {name: values[-1] for name, values in self.data().items() if values}


def submitted_options(select):
    """The chosen options; a single select with none chosen sends its first one."""
    chosen = [value for value, selected in select["options"] if selected]
    if chosen or "multiple" in select["attrs"]:
        return chosen
    return [select["options"][0][0]] if select["options"] else [""]
