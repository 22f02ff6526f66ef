"""dyadscope: news articles in, a sourced record of who did what with whom, when and where."""

__version__ = "0.1.0"
