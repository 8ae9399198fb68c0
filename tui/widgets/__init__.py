"""The app's widgets."""

from __future__ import annotations

from tui.widgets.answer_view import AnswerView
from tui.widgets.metrics_sidebar import MetricsSidebar
from tui.widgets.question_list import QuestionList

__all__ = ["AnswerView", "MetricsSidebar", "QuestionList"]
