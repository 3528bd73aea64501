-- Forget every extraction so the next claims step re-extracts all articles from their stored text.
delete from claims;
delete from extracted_articles;
