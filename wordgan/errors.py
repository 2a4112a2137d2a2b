"""Errors wordgan raises on bad input. Each message says what went wrong and what to do."""


class WordganError(Exception):
    """Base class: the CLI prints these as a one-line error instead of a traceback."""


class UnknownWordError(WordganError, KeyError):
    """An embedder has no vector for a word."""

    def __init__(self, word: str, embedder: str = "the embedder", hint: str = ""):
        self.word = word
        message = f"{embedder} does not know the word {word!r}"
        super().__init__(message + (f"; {hint}" if hint else ""))

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])


class SettingsError(WordganError, ValueError):
    """Settings that cannot go together (a resumed run asked to change what it cannot); the CLI reports it as
    a usage error."""


class PluginNotFoundError(WordganError, LookupError):
    """No installed plugin has the requested kind and name."""


class PluginLoadError(WordganError, ImportError):
    """A plugin is installed but failed to import or build."""


class DatasetNotFoundError(WordganError, FileNotFoundError):
    """The dataset files are nowhere wordgan looks, and could not be downloaded."""


class CheckpointError(WordganError, ValueError):
    """A checkpoint is missing, corrupt, or not a wordgan checkpoint."""


class UnsafeFileError(WordganError):
    """A file named by a checkpoint would run code when read (a pickle), and the user has not trusted it."""


class UnwritableError(WordganError, OSError):
    """A file could not be written (a full disk, a read-only folder); what was there before is left as it was."""

    def __init__(self, path, cause: OSError):
        super().__init__(cause.errno, f"cannot write {path}: {cause.strerror or cause}; nothing that was there is lost")

    def __str__(self) -> str:  # OSError would prefix "[Errno N]"
        return str(self.args[1])
