"""Shared builders for the evidence tests."""


def body(**changes):
    from tiptrace.evidence.models import ItemBody

    data = {"country": "Russia", "report_year": 2021, "bears_on": "forced_labor",
            "direction": "supports", "responsibility": "state_complicit",
            "statement": "Officials let North Korean contract workers be kept under guard.",
            "source": {"document": "A constructed test document", "publisher": "Test",
                       "date": "2021-06-01", "type": "ngo", "url": "https://example.org/x"}}
    data.update(changes)
    return ItemBody.model_validate(data)
