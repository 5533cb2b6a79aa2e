"""Read a page as a browser would: what its forms submit, how fields are drawn, text by id."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


BLOCKS = {"br", "div", "h1", "h2", "h3", "li", "p", "td", "th", "tr", "ul"}


def squash(text):
    """Runs of ASCII white space as one space; no-break spaces (French numbers) are kept."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.forms = []  # {"attrs": {...}, "fields": [...]}
        self.texts = {}  # element id → list of text pieces
        self.pieces = []  # the whole page's text
        self.stack = []  # open (tag, id)
        self.form = None
        self.select = None
        self.textarea = None
        self.feed(html)
        self.close()

    # Parsing

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = {"attrs": attrs, "fields": []}
            self.forms.append(self.form)
        elif tag in ("input", "button", "select", "textarea") and self.form is not None:
            field = {
                "tag": tag,
                "name": attrs.get("name"),
                "type": attrs.get("type", {"button": "submit", "input": "text"}.get(tag, tag)),
                "value": attrs.get("value", ""),
                "checked": "checked" in attrs,
                "readonly": "readonly" in attrs,
                "disabled": "disabled" in attrs,
                "id": attrs.get("id"),
                "describedby": attrs.get("aria-describedby", ""),
                "form": attrs.get("form"),  # the form it belongs to, when not the enclosing one
                "options": [],
            }
            if tag == "textarea":
                field["value"] = ""
                self.textarea = field
            if tag == "select":
                self.select = field
            self.form["fields"].append(field)
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))
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
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        self.pieces.append(data)
        if self.textarea is not None:
            self.textarea["value"] += data
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
                options = field["options"]
                chosen = [value for value, selected in options if selected]
                value = chosen[0] if chosen else (options[0][0] if options else "")
            else:
                value = field["value"]
            data.setdefault(name, []).append(value)
        return data
