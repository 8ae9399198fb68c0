"""The app's widgets."""

from __future__ import annotations

from tui.widgets.answer_view import AnswerView
from tui.widgets.briefing_panes import BriefingPanes
from tui.widgets.index_keeper import IndexKeeper
from tui.widgets.metrics_sidebar import MetricsSidebar
from tui.widgets.question_list import QuestionList
from tui.widgets.search_bar import SearchBar
from tui.widgets.virtual_table import Column, VirtualTable

__all__ = [
    "AnswerView",
    "BriefingPanes",
    "Column",
    "IndexKeeper",
    "MetricsSidebar",
    "QuestionList",
    "SearchBar",
    "VirtualTable",
]
