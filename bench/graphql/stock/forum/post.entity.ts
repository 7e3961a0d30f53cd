import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

@ObjectType()
@Entity('post')
export class Post {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Field(() => Int)
  @Column({ name: 'thread_id' })
  threadId: number;

  @Column({ name: 'author_user_id' })
  authorUserId: number;

  @Field(() => User)
  @ManyToOne(() => User)
  @JoinColumn({ name: 'author_user_id' })
  author: User;

  @Column('text')
  body: string;

  /** Exposed by the resolver: not for deleted or hidden posts. */
  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'reply_to_post_id', type: 'int', nullable: true })
  replyToPostId: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'edited_at', type: 'datetime', precision: 3, nullable: true })
  editedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'hidden_at', type: 'datetime', precision: 3, nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'hidden_reason', type: 'varchar', nullable: true })
  hiddenReason: string | null;

  @Column({ name: 'hidden_by_user_id', type: 'int', nullable: true })
  hiddenByUserId: number | null;

  @Field(() => Int)
  @Column({ name: 'flag_count' })
  flagCount: number;

  @Field()
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
