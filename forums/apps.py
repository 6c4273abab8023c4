from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums"

    def ready(self):
        from casestudies import proposals
        from forums import header, page_comments, thread_reader
        from forums.moderation import suspended_refusal

        proposals.refusals.append(suspended_refusal)  # a suspended member proposes no case study either
        header.connect()  # the header's record per member goes stale the moment what it shows changes
        page_comments.connect()  # a page's kept comments go stale with every event of its thread
        thread_reader.connect()  # a kept thread and its community go stale when either is saved
