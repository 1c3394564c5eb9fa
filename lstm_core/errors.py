"""The error every refused weights file gets (lstm_core.weights_io re-exports it; lstm_core.card raises it for a
card with a value of the wrong kind)."""


class WeightsError(ValueError):
    """A weights file (or state dict) refused. `reason` is a short stable code the app translates; the
    message, in English, says what is wrong and what to do. `details` fill the translated message where it names
    something of the file (for "card": the key, the kind of value expected, and the value found)."""

    REASONS = ("not_weights", "pickle", "damaged", "dtype", "too_big", "non_finite", "not_recurrent",
               "several_stacks", "card")

    def __init__(self, reason, message, **details):
        if reason not in self.REASONS:
            raise AssertionError(f"unknown WeightsError reason {reason!r}")   # a bug here, not in the file
        super().__init__(message)
        self.reason = reason
        self.details = details

    def __reduce__(self):                              # copy/pickle would otherwise call cls(message)
        return _weights_error, (type(self), self.reason, str(self), self.details)


def _weights_error(cls, reason, message, details):
    return cls(reason, message, **details)
