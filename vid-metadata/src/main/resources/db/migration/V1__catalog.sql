-- The catalog. Plain SQL that H2 and PostgreSQL both run: times are epoch milliseconds (BIGINT),
-- lists keep their order through a seq column, children go with their video (ON DELETE CASCADE).
CREATE TABLE videos (
  id               VARCHAR(64)      NOT NULL PRIMARY KEY,
  name             VARCHAR(200)     NOT NULL,
  name_lower       VARCHAR(200)     NOT NULL,
  file_type        VARCHAR(32),
  duration_seconds DOUBLE PRECISION NOT NULL,
  created_at       BIGINT           NOT NULL,
  updated_at       BIGINT           NOT NULL
);

CREATE INDEX videos_created_at ON videos (created_at);

CREATE TABLE video_tags (
  video_id VARCHAR(64) NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  seq      INTEGER     NOT NULL,
  tag      VARCHAR(64) NOT NULL,
  PRIMARY KEY (video_id, seq),
  CONSTRAINT video_tags_unique UNIQUE (video_id, tag)
);

CREATE INDEX video_tags_tag ON video_tags (tag);

CREATE TABLE renditions (
  video_id  VARCHAR(64)  NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  seq       INTEGER      NOT NULL,
  name      VARCHAR(32)  NOT NULL,
  width     INTEGER      NOT NULL,
  height    INTEGER      NOT NULL,
  bandwidth BIGINT       NOT NULL,
  codecs    VARCHAR(200),
  PRIMARY KEY (video_id, seq)
);
