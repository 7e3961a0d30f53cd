import { Entity, PrimaryColumn } from 'typeorm';

/** A user mentioned (`@name`) in a post. */
@Entity('post_mention')
export class PostMention {
  @PrimaryColumn({ type: 'int', unsigned: true })
  postId: number;

  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;
}
