"""Community pages, forum threads, and the forms every discussion posts to (comments under pages too)."""

from django.urls import path

from forums.views import communities, inquiries, posts, threads

app_name = "forums"

urlpatterns = [
    path("communities/", communities.community_list, name="communities"),
    path("communities/<slug:slug>/", communities.community_detail, name="community"),
    path("communities/<slug:slug>/join/", communities.join, name="join"),
    path("communities/<slug:slug>/invite/", communities.invite, name="invite"),
    path("communities/<slug:slug>/requests/<int:membership_id>/", communities.decide_request, name="decide_request"),
    path("communities/<slug:slug>/threads/new/", threads.new_thread, name="new_thread"),
    path("communities/<slug:slug>/threads/<int:thread_id>/", threads.thread_detail, name="thread"),
    path("communities/<slug:slug>/threads/<int:thread_id>/flags/", threads.thread_flags, name="thread_flags"),
    path("communities/<slug:slug>/threads/<int:thread_id>/follow/", threads.follow, name="follow"),
    path("communities/<slug:slug>/threads/<int:thread_id>/best-answer/", threads.best_answer, name="best_answer"),
    path("communities/<slug:slug>/inquiries/", inquiries.inquiry_list, name="inquiries"),
    path("communities/<slug:slug>/inquiries/new/", inquiries.start, name="start_inquiry"),
    path("communities/<slug:slug>/inquiries/<slug:inquiry_slug>/", inquiries.inquiry_detail, name="inquiry"),
    path("communities/<slug:slug>/inquiries/<slug:inquiry_slug>/team/", inquiries.add_member, name="inquiry_team"),
    path("communities/<slug:slug>/inquiries/<slug:inquiry_slug>/cycles/", inquiries.open_cycle, name="open_cycle"),
    path(
        "communities/<slug:slug>/inquiries/<slug:inquiry_slug>/complete/", inquiries.complete, name="complete_inquiry"
    ),
    path("communities/<slug:slug>/inquiries/<slug:inquiry_slug>/write-up/", inquiries.write_up, name="write_up"),
    path(
        "communities/<slug:slug>/inquiries/<slug:inquiry_slug>/cycles/<int:number>/entries/",
        inquiries.write,
        name="write_entry",
    ),
    path(
        "communities/<slug:slug>/inquiries/<slug:inquiry_slug>/cycles/<int:number>/close/",
        inquiries.close_cycle,
        name="close_cycle",
    ),
    path("inquiries/entries/<int:entry_id>/edit/", inquiries.edit_entry, name="edit_entry"),
    path("inquiries/entries/<int:entry_id>/report/", inquiries.report_entry, name="report_entry"),
    path("inquiries/entries/<int:entry_id>/moderate/", inquiries.moderate_entry, name="moderate_entry"),
    path("discussions/threads/<int:thread_id>/posts/", posts.reply, name="reply"),
    path("discussions/pages/<int:page_id>/comments/", posts.comment, name="comment"),
    path("discussions/posts/<int:post_id>/edit/", posts.edit_post, name="edit_post"),
    path("discussions/posts/<int:post_id>/delete/", posts.delete_post, name="delete_post"),
    path("discussions/posts/<int:post_id>/helpful/", posts.helpful, name="helpful"),
]
