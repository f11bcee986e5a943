"""sppterm: terminology-managed Chinese→English translation of the SPP Programme bulletins."""

__version__ = "0.1.0"
