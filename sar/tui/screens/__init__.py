"""One screen per step of the journey: chat, findings, letters, tracker."""
