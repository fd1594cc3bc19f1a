"""The long jobs the App owns, so they outlive the screen that started them: campaign
sends, the notification watcher, and the start-up offer to resume a campaign."""
