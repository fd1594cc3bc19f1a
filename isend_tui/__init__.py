"""isend-tui: SMS marketing and order notifications for PrestaShop through iSendPro."""

__version__ = "0.1.0"
